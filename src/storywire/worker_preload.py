"""What the worker processes of :mod:`storywire.parallel` load once, in the forkserver they are forked from.

Importing this module (the forkserver does, once per process that starts workers) imports the pure stages
and loads their default models: the language identifier, the spaCy NER pipeline, the sentence-embedding
model, the word frequencies. Each worker then starts as a fork of a process holding them (about 2.7 s of CPU
per worker otherwise, repeated for every worker). A model other settings name is loaded by the worker that
needs it, as before; one that cannot load here (not installed) is loaded, or reported, there too.
"""
from __future__ import annotations

import logging

from . import stages  # noqa: F401  (the functions the workers run, and what they import)
from .analyse import parts  # noqa: F401
from .cluster import prepare  # noqa: F401

log = logging.getLogger(__name__)


def _load_models() -> None:
    from .analyse.entities import get_nlp
    from .cluster.embed import load_embedder
    from .cluster.text import background_frequency
    from .extract.language import detect

    for load in (lambda: detect("Models are loaded once, before the worker processes start."), get_nlp,
                 load_embedder, lambda: background_frequency("story")):
        try:
            load()
        except Exception:  # the worker that needs it loads it again and reports what is wrong
            log.debug("preloading a model for the worker processes failed", exc_info=True)


_load_models()
