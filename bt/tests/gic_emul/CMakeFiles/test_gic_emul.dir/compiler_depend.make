# Empty compiler generated dependencies file for test_gic_emul.
# This may be replaced when dependencies are built.
