# Empty dependencies file for gicplan.
# This may be replaced when dependencies are built.
