# CMake generated Testfile for 
# Source directory: /work/wt/perf2/tests/gic_emul
# Build directory: /work/wt/perf2/bt/tests/gic_emul
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[gic_emul]=] "/work/wt/perf2/bt/tests/gic_emul/test_gic_emul")
set_tests_properties([=[gic_emul]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt/perf2/tests/gic_emul/CMakeLists.txt;11;add_test;/work/wt/perf2/tests/gic_emul/CMakeLists.txt;0;")
add_test([=[console]=] "/work/wt/perf2/bt/tests/gic_emul/test_console")
set_tests_properties([=[console]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt/perf2/tests/gic_emul/CMakeLists.txt;18;add_test;/work/wt/perf2/tests/gic_emul/CMakeLists.txt;0;")
