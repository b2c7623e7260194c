file(REMOVE_RECURSE
  "libgicplan.pdb"
  "libgicplan.so"
  "libgicplan.so.0"
  "libgicplan.so.0.1.0"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gicplan_shared.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
