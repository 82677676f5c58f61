"""The spaCy NER pipeline too, loaded once in the forkserver of :mod:`storywire.parallel` (after
:mod:`storywire.worker_preload`) for workers that compute per-article parts and story analyses. A caller whose
workers will not analyse (an ingest without analysis) leaves it out: it takes over a second of CPU to load.
"""
from __future__ import annotations

from .analyse.entities import get_nlp
from .worker_preload import load_models

load_models(get_nlp)
