"""Prepared documents in columns, for their trip back from a worker process.

Pickling a :class:`~.prepare.PreparedDoc` pickles each of its arrays on its own, and unpickling them (a
dozen arrays an article) costs the sequential engine's process more than vectorising the article. A
chunk of documents instead travels as one array per field (the documents' arrays of that field end to
end) and comes back as views into them: a few unpickled arrays per chunk, not per article.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .embed import Embedder
from .prepare import ClusterDoc, PreparedDoc, TermTable, prepare_batch

_FIELDS = tuple(f.name for f in fields(PreparedDoc))


@dataclass(frozen=True)
class PackedDocs:
    """Documents by field: an array field as (the arrays end to end, each one's length, -1 for None);
    any other field as the list of its values."""

    size: int
    arrays: dict[str, tuple[np.ndarray, list[int]]]
    values: dict[str, list]


def _packable(vals: list) -> bool:
    """Whether a field's values are 1-D arrays of one dtype (or None) that can go end to end."""
    arrays = [v for v in vals if v is not None]
    return bool(arrays) and all(isinstance(v, np.ndarray) and v.ndim == 1 and v.dtype == arrays[0].dtype
                                for v in arrays)


def pack(docs: list[PreparedDoc]) -> PackedDocs:
    """``docs`` by field (see :class:`PackedDocs`)."""
    arrays: dict[str, tuple[np.ndarray, list[int]]] = {}
    values: dict[str, list] = {}
    for name in _FIELDS:
        vals = [getattr(d, name) for d in docs]
        if _packable(vals):
            arrays[name] = (np.concatenate([v for v in vals if v is not None]),
                            [-1 if v is None else len(v) for v in vals])
        else:
            values[name] = vals
    return PackedDocs(len(docs), arrays, values)


def unpack(packed: PackedDocs) -> list[PreparedDoc]:
    """The documents :func:`pack` packed (their arrays: read-only views into the packed ones)."""
    columns: dict[str, list] = dict(packed.values)
    for name, (flat, lengths) in packed.arrays.items():
        flat.flags.writeable = False
        col: list = []
        at = 0
        for n in lengths:
            if n < 0:
                col.append(None)
            else:
                col.append(flat[at:at + n])
                at += n
        columns[name] = col
    return [PreparedDoc(*row) for row in zip(*(columns[name] for name in _FIELDS), strict=True)]


def prepare_packed(docs: list[ClusterDoc], terms: TermTable, num_perm: int, seed: int,
                   embedder: Embedder | None) -> PackedDocs:
    """:func:`.prepare.prepare_batch`, packed for the trip back from a worker process."""
    return pack(prepare_batch(docs, terms, num_perm, seed, embedder))
