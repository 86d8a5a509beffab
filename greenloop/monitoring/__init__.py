"""Statistical monitoring: see DESIGN.md."""
