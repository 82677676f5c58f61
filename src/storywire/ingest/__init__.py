"""Collecting articles: local files (files.py), feeds (feeds.py, opml.py) and all network code (http.py)."""
