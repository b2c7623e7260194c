file(REMOVE_RECURSE
  "CMakeFiles/test_planner.dir/test_planner.c.o"
  "CMakeFiles/test_planner.dir/test_planner.c.o.d"
  "CMakeFiles/test_planner.dir/xfdt.c.o"
  "CMakeFiles/test_planner.dir/xfdt.c.o.d"
  "CMakeFiles/test_planner.dir/xfile.c.o"
  "CMakeFiles/test_planner.dir/xfile.c.o.d"
  "CMakeFiles/test_planner.dir/xlayout.c.o"
  "CMakeFiles/test_planner.dir/xlayout.c.o.d"
  "CMakeFiles/test_planner.dir/xplan.c.o"
  "CMakeFiles/test_planner.dir/xplan.c.o.d"
  "CMakeFiles/test_planner.dir/xrun.c.o"
  "CMakeFiles/test_planner.dir/xrun.c.o.d"
  "test_planner"
  "test_planner.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_planner.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
