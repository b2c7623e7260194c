# Empty dependencies file for gic_emul.
# This may be replaced when dependencies are built.
