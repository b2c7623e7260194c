file(REMOVE_RECURSE
  "libgic_emul.a"
)
