# Empty compiler generated dependencies file for test_kvm.
# This may be replaced when dependencies are built.
