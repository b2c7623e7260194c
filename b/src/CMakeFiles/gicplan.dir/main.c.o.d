src/CMakeFiles/gicplan.dir/main.c.o: /work/wt/perf2/src/main.c \
 /usr/include/stdc-predef.h /work/wt/perf2/src/cli.h
