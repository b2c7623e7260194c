# Empty dependencies file for test_fdt_check.
# This may be replaced when dependencies are built.
