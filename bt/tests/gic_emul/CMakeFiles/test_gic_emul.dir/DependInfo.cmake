
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/tests/gic_emul/test_gic_emul.c" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_emul.c.o" "gcc" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_emul.c.o.d"
  "/work/wt/perf2/tests/gic_emul/test_gic_its.c" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_its.c.o" "gcc" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_its.c.o.d"
  "/work/wt/perf2/tests/gic_emul/test_gic_lifecycle.c" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_lifecycle.c.o" "gcc" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_lifecycle.c.o.d"
  "/work/wt/perf2/tests/gic_emul/test_gic_regs.c" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_regs.c.o" "gcc" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_regs.c.o.d"
  "/work/wt/perf2/tests/gic_emul/test_gic_routing.c" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_routing.c.o" "gcc" "tests/gic_emul/CMakeFiles/test_gic_emul.dir/test_gic_routing.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/perf2/bt/src/gic_emul/CMakeFiles/gic_emul.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
