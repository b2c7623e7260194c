file(REMOVE_RECURSE
  "CMakeFiles/gic_emul.dir/gic_core.c.o"
  "CMakeFiles/gic_emul.dir/gic_core.c.o.d"
  "CMakeFiles/gic_emul.dir/gic_irq.c.o"
  "CMakeFiles/gic_emul.dir/gic_irq.c.o.d"
  "CMakeFiles/gic_emul.dir/gic_its.c.o"
  "CMakeFiles/gic_emul.dir/gic_its.c.o.d"
  "CMakeFiles/gic_emul.dir/gic_mmio.c.o"
  "CMakeFiles/gic_emul.dir/gic_mmio.c.o.d"
  "libgic_emul.a"
  "libgic_emul.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gic_emul.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
