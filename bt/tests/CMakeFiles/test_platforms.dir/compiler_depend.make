# Empty compiler generated dependencies file for test_platforms.
# This may be replaced when dependencies are built.
