"""Carbon accounting: see DESIGN.md."""
