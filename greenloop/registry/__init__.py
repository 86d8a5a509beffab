"""Green recognition registries: see DESIGN.md."""
