"""What the worker processes of :mod:`storywire.parallel` load once, in the forkserver they are forked from.

Importing this module (the forkserver does, once per process that starts workers) imports the pure stages
and loads their default models: the language identifier, the sentence-embedding model, the word frequencies
(and the spaCy NER pipeline: :mod:`storywire.worker_preload_nlp`, unless the caller will not analyse). Each
worker then starts as a fork of a process holding them (about 2.7 s of CPU per worker otherwise, repeated for
every worker). A model other settings name is loaded by the worker that
needs it, as before; one that cannot load here (not installed) is loaded, or reported, there too.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from . import stages  # noqa: F401  (the functions the workers run, and what they import)
from .analyse import parts  # noqa: F401
from .cluster import prepare  # noqa: F401

log = logging.getLogger(__name__)


def load_models(*loads: Callable[[], object]) -> None:
    """Run each of ``loads``; one that fails is left to the worker that needs it (which reports what is wrong)."""
    for load in loads:
        try:
            load()
        except Exception:
            log.debug("preloading a model for the worker processes failed", exc_info=True)


def _load_models() -> None:
    from .cluster.embed import load_embedder
    from .cluster.text import background_frequency
    from .extract.language import detect

    load_models(lambda: detect("Models are loaded once, before the worker processes start."), load_embedder,
                lambda: background_frequency("story"))


_load_models()
