file(REMOVE_RECURSE
  "CMakeFiles/test_gic_emul.dir/test_gic_emul.c.o"
  "CMakeFiles/test_gic_emul.dir/test_gic_emul.c.o.d"
  "CMakeFiles/test_gic_emul.dir/test_gic_its.c.o"
  "CMakeFiles/test_gic_emul.dir/test_gic_its.c.o.d"
  "CMakeFiles/test_gic_emul.dir/test_gic_lifecycle.c.o"
  "CMakeFiles/test_gic_emul.dir/test_gic_lifecycle.c.o.d"
  "CMakeFiles/test_gic_emul.dir/test_gic_regs.c.o"
  "CMakeFiles/test_gic_emul.dir/test_gic_regs.c.o.d"
  "CMakeFiles/test_gic_emul.dir/test_gic_routing.c.o"
  "CMakeFiles/test_gic_emul.dir/test_gic_routing.c.o.d"
  "test_gic_emul"
  "test_gic_emul.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_gic_emul.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
