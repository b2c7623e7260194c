file(REMOVE_RECURSE
  "CMakeFiles/test_fdt_check.dir/test_fdt_check.c.o"
  "CMakeFiles/test_fdt_check.dir/test_fdt_check.c.o.d"
  "CMakeFiles/test_fdt_check.dir/xfdt.c.o"
  "CMakeFiles/test_fdt_check.dir/xfdt.c.o.d"
  "CMakeFiles/test_fdt_check.dir/xfile.c.o"
  "CMakeFiles/test_fdt_check.dir/xfile.c.o.d"
  "CMakeFiles/test_fdt_check.dir/xlayout.c.o"
  "CMakeFiles/test_fdt_check.dir/xlayout.c.o.d"
  "CMakeFiles/test_fdt_check.dir/xplan.c.o"
  "CMakeFiles/test_fdt_check.dir/xplan.c.o.d"
  "CMakeFiles/test_fdt_check.dir/xrun.c.o"
  "CMakeFiles/test_fdt_check.dir/xrun.c.o.d"
  "test_fdt_check"
  "test_fdt_check.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_fdt_check.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
