file(REMOVE_RECURSE
  "../gicplan-bench"
  "../gicplan-bench.pdb"
  "CMakeFiles/gicplan-bench.dir/bench.c.o"
  "CMakeFiles/gicplan-bench.dir/bench.c.o.d"
  "CMakeFiles/gicplan-bench.dir/floor.c.o"
  "CMakeFiles/gicplan-bench.dir/floor.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gicplan-bench.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
