# Empty dependencies file for gicplan-bench.
# This may be replaced when dependencies are built.
