file(REMOVE_RECURSE
  "CMakeFiles/test_platforms.dir/test_platforms.c.o"
  "CMakeFiles/test_platforms.dir/test_platforms.c.o.d"
  "CMakeFiles/test_platforms.dir/xfdt.c.o"
  "CMakeFiles/test_platforms.dir/xfdt.c.o.d"
  "CMakeFiles/test_platforms.dir/xfile.c.o"
  "CMakeFiles/test_platforms.dir/xfile.c.o.d"
  "CMakeFiles/test_platforms.dir/xlayout.c.o"
  "CMakeFiles/test_platforms.dir/xlayout.c.o.d"
  "CMakeFiles/test_platforms.dir/xplan.c.o"
  "CMakeFiles/test_platforms.dir/xplan.c.o.d"
  "CMakeFiles/test_platforms.dir/xrun.c.o"
  "CMakeFiles/test_platforms.dir/xrun.c.o.d"
  "test_platforms"
  "test_platforms.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_platforms.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
