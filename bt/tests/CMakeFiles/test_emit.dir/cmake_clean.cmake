file(REMOVE_RECURSE
  "CMakeFiles/test_emit.dir/test_emit.c.o"
  "CMakeFiles/test_emit.dir/test_emit.c.o.d"
  "CMakeFiles/test_emit.dir/xfdt.c.o"
  "CMakeFiles/test_emit.dir/xfdt.c.o.d"
  "CMakeFiles/test_emit.dir/xfile.c.o"
  "CMakeFiles/test_emit.dir/xfile.c.o.d"
  "CMakeFiles/test_emit.dir/xlayout.c.o"
  "CMakeFiles/test_emit.dir/xlayout.c.o.d"
  "CMakeFiles/test_emit.dir/xplan.c.o"
  "CMakeFiles/test_emit.dir/xplan.c.o.d"
  "CMakeFiles/test_emit.dir/xrun.c.o"
  "CMakeFiles/test_emit.dir/xrun.c.o.d"
  "test_emit"
  "test_emit.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_emit.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
