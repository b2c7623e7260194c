file(REMOVE_RECURSE
  "CMakeFiles/test_units.dir/test_units.c.o"
  "CMakeFiles/test_units.dir/test_units.c.o.d"
  "CMakeFiles/test_units.dir/xfdt.c.o"
  "CMakeFiles/test_units.dir/xfdt.c.o.d"
  "CMakeFiles/test_units.dir/xfile.c.o"
  "CMakeFiles/test_units.dir/xfile.c.o.d"
  "CMakeFiles/test_units.dir/xlayout.c.o"
  "CMakeFiles/test_units.dir/xlayout.c.o.d"
  "CMakeFiles/test_units.dir/xplan.c.o"
  "CMakeFiles/test_units.dir/xplan.c.o.d"
  "CMakeFiles/test_units.dir/xrun.c.o"
  "CMakeFiles/test_units.dir/xrun.c.o.d"
  "test_units"
  "test_units.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_units.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
