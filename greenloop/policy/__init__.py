"""Policy and task supervision: see DESIGN.md."""
