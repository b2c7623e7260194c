file(REMOVE_RECURSE
  "libgicplan_core.a"
  "libgicplan_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gicplan_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
