"""`python -m storywire`: the same as the `storywire` command."""
from .cli import main

main()
