# Empty dependencies file for gicplan_static.
# This may be replaced when dependencies are built.
