file(REMOVE_RECURSE
  "CMakeFiles/test_kvm.dir/test_kvm.c.o"
  "CMakeFiles/test_kvm.dir/test_kvm.c.o.d"
  "CMakeFiles/test_kvm.dir/xfdt.c.o"
  "CMakeFiles/test_kvm.dir/xfdt.c.o.d"
  "CMakeFiles/test_kvm.dir/xfile.c.o"
  "CMakeFiles/test_kvm.dir/xfile.c.o.d"
  "CMakeFiles/test_kvm.dir/xlayout.c.o"
  "CMakeFiles/test_kvm.dir/xlayout.c.o.d"
  "CMakeFiles/test_kvm.dir/xplan.c.o"
  "CMakeFiles/test_kvm.dir/xplan.c.o.d"
  "CMakeFiles/test_kvm.dir/xrun.c.o"
  "CMakeFiles/test_kvm.dir/xrun.c.o.d"
  "test_kvm"
  "test_kvm.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_kvm.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
