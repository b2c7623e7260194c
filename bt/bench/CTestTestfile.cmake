# CMake generated Testfile for 
# Source directory: /work/wt/perf2/bench
# Build directory: /work/wt/perf2/bt/bench
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
