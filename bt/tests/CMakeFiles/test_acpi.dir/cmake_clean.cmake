file(REMOVE_RECURSE
  "CMakeFiles/test_acpi.dir/test_acpi.c.o"
  "CMakeFiles/test_acpi.dir/test_acpi.c.o.d"
  "CMakeFiles/test_acpi.dir/xfdt.c.o"
  "CMakeFiles/test_acpi.dir/xfdt.c.o.d"
  "CMakeFiles/test_acpi.dir/xfile.c.o"
  "CMakeFiles/test_acpi.dir/xfile.c.o.d"
  "CMakeFiles/test_acpi.dir/xlayout.c.o"
  "CMakeFiles/test_acpi.dir/xlayout.c.o.d"
  "CMakeFiles/test_acpi.dir/xplan.c.o"
  "CMakeFiles/test_acpi.dir/xplan.c.o.d"
  "CMakeFiles/test_acpi.dir/xrun.c.o"
  "CMakeFiles/test_acpi.dir/xrun.c.o.d"
  "test_acpi"
  "test_acpi.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_acpi.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
