# Empty compiler generated dependencies file for test_fdt_writer.
# This may be replaced when dependencies are built.
