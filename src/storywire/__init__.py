"""storywire: a self-hosted news aggregator that groups articles into stories and compares coverage."""

__version__ = "0.1.0"
