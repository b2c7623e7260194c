file(REMOVE_RECURSE
  "CMakeFiles/test_console.dir/__/__/src/console.c.o"
  "CMakeFiles/test_console.dir/__/__/src/console.c.o.d"
  "CMakeFiles/test_console.dir/__/test_console.c.o"
  "CMakeFiles/test_console.dir/__/test_console.c.o.d"
  "CMakeFiles/test_console.dir/__/xrun.c.o"
  "CMakeFiles/test_console.dir/__/xrun.c.o.d"
  "test_console"
  "test_console.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_console.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
