# CMake generated Testfile for 
# Source directory: /work/wt/perf2
# Build directory: /work/wt/perf2/bt
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("src")
subdirs("tests")
subdirs("bench")
