"""The storywire commands, one module per area, each with module-level Typer apps that storywire.cli wires."""
