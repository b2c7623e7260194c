
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/bench/bench.c" "bench/CMakeFiles/gicplan-bench.dir/bench.c.o" "gcc" "bench/CMakeFiles/gicplan-bench.dir/bench.c.o.d"
  "/work/wt/perf2/bench/floor.c" "bench/CMakeFiles/gicplan-bench.dir/floor.c.o" "gcc" "bench/CMakeFiles/gicplan-bench.dir/floor.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/perf2/bt/src/CMakeFiles/gicplan_core.dir/DependInfo.cmake"
  "/work/wt/perf2/bt/src/gic_emul/CMakeFiles/gic_emul.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
