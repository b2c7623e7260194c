file(REMOVE_RECURSE
  "CMakeFiles/test_dt_irq.dir/test_dt_irq.c.o"
  "CMakeFiles/test_dt_irq.dir/test_dt_irq.c.o.d"
  "CMakeFiles/test_dt_irq.dir/xfdt.c.o"
  "CMakeFiles/test_dt_irq.dir/xfdt.c.o.d"
  "CMakeFiles/test_dt_irq.dir/xfile.c.o"
  "CMakeFiles/test_dt_irq.dir/xfile.c.o.d"
  "CMakeFiles/test_dt_irq.dir/xlayout.c.o"
  "CMakeFiles/test_dt_irq.dir/xlayout.c.o.d"
  "CMakeFiles/test_dt_irq.dir/xplan.c.o"
  "CMakeFiles/test_dt_irq.dir/xplan.c.o.d"
  "CMakeFiles/test_dt_irq.dir/xrun.c.o"
  "CMakeFiles/test_dt_irq.dir/xrun.c.o.d"
  "test_dt_irq"
  "test_dt_irq.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_dt_irq.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
