"""CLI command groups, one module a concern; registered in storywire.cli."""
