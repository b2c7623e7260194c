file(REMOVE_RECURSE
  "libgicplan.a"
  "libgicplan.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/gicplan_static.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
