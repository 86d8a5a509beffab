"""Environmental rights markets: see DESIGN.md."""
