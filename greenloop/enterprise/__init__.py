"""Enterprise online monitoring: see DESIGN.md."""
