"""The web UI and JSON API: ``create_app(settings, store)`` returns the ASGI app ``storywire serve`` runs."""
from .app import create_app

__all__ = ["create_app"]
