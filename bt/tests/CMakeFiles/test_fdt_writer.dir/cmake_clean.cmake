file(REMOVE_RECURSE
  "CMakeFiles/test_fdt_writer.dir/test_fdt_writer.c.o"
  "CMakeFiles/test_fdt_writer.dir/test_fdt_writer.c.o.d"
  "CMakeFiles/test_fdt_writer.dir/xfdt.c.o"
  "CMakeFiles/test_fdt_writer.dir/xfdt.c.o.d"
  "CMakeFiles/test_fdt_writer.dir/xfile.c.o"
  "CMakeFiles/test_fdt_writer.dir/xfile.c.o.d"
  "CMakeFiles/test_fdt_writer.dir/xlayout.c.o"
  "CMakeFiles/test_fdt_writer.dir/xlayout.c.o.d"
  "CMakeFiles/test_fdt_writer.dir/xplan.c.o"
  "CMakeFiles/test_fdt_writer.dir/xplan.c.o.d"
  "CMakeFiles/test_fdt_writer.dir/xrun.c.o"
  "CMakeFiles/test_fdt_writer.dir/xrun.c.o.d"
  "test_fdt_writer"
  "test_fdt_writer.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_fdt_writer.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
