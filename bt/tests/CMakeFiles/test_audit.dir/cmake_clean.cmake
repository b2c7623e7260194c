file(REMOVE_RECURSE
  "CMakeFiles/test_audit.dir/test_audit.c.o"
  "CMakeFiles/test_audit.dir/test_audit.c.o.d"
  "CMakeFiles/test_audit.dir/xfdt.c.o"
  "CMakeFiles/test_audit.dir/xfdt.c.o.d"
  "CMakeFiles/test_audit.dir/xfile.c.o"
  "CMakeFiles/test_audit.dir/xfile.c.o.d"
  "CMakeFiles/test_audit.dir/xlayout.c.o"
  "CMakeFiles/test_audit.dir/xlayout.c.o.d"
  "CMakeFiles/test_audit.dir/xplan.c.o"
  "CMakeFiles/test_audit.dir/xplan.c.o.d"
  "CMakeFiles/test_audit.dir/xrun.c.o"
  "CMakeFiles/test_audit.dir/xrun.c.o.d"
  "test_audit"
  "test_audit.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_audit.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
