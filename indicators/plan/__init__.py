"""The action plan's targets: computed sources, entered values, progress."""
