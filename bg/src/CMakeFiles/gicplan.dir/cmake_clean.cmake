file(REMOVE_RECURSE
  "../gicplan"
  "../gicplan.pdb"
  "CMakeFiles/gicplan.dir/main.c.o"
  "CMakeFiles/gicplan.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gicplan.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
