"""The rule engine: load YAML packs, validate them, run them over documents."""
