"""Engine state snapshot and restore: everything the window holds, as bytes.

A zlib-compressed pickle of builtin types only (numbers, strings, bytes, lists, dicts), loaded with a
restricted unpickler that refuses any other object, so a state read back from storage cannot run code.
"""
from __future__ import annotations

import io
import json
import pickle
import zlib
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from . import sparse
from .dedup import Deduplicator
from .vectors import LiveStory, Vec

if TYPE_CHECKING:
    from .online import OnlineClusterer

STATE_VERSION = 4  # 2: terms keyed by id (CRC-32), not by string; 3: vectors as arrays; 4: sentence embeddings


def _pack(v: Vec) -> tuple[bytes, bytes]:
    return v[0].tobytes(), v[1].tobytes()


def _unpack(b: tuple[bytes, bytes]) -> Vec:
    return np.frombuffer(b[0], dtype=sparse.KEYS).copy(), np.frombuffer(b[1], dtype=np.float64).copy()


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):  # state holds only builtin containers, numbers, strings, bytes
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in cluster state")


def dump(eng: OnlineClusterer) -> bytes:
    """The whole state of ``eng`` (bounded by the window)."""
    stories = [[s.id, s.first, s.last, s.n, _pack(s.title), _pack(s.body), _pack(s.ents), list(s.keys), s.members,
                _pack(s.edf), _pack(s.tdf), [_pack(m[:2]) + _pack(m[2:]) for m in s.mvecs],
                None if s.emb is None else s.emb.tobytes(),
                [] if s.membs is None else [m.tobytes() for m in s.membs], s.language]
               for s in eng.stories.values()]
    state = {
        "version": STATE_VERSION,
        "params": json.dumps(eng.params, sort_keys=True),
        "window_hours": eng.window_hours,
        "next_story_id": eng.next_story_id,
        "now": eng.now,
        "ndocs": eng.vectoriser.ndocs,
        "df": eng.vectoriser.df.tobytes(),
        "stories": stories,
        "active": list(eng._active.items()),
        "postings": {k: list(v) for k, v in eng.index.postings.items()},
        "doc_story": list(eng._doc_story.items()),
        "dedup": eng.dedup.state(),
    }
    return zlib.compress(pickle.dumps(state, protocol=5), 3)


def load(cls: type[OnlineClusterer], data: bytes, params: dict | None = None) -> OnlineClusterer:
    """An engine of class ``cls`` restored from :func:`dump`; ``params`` overrides the stored model."""
    state = _SafeUnpickler(io.BytesIO(zlib.decompress(data))).load()
    if state.get("version") != STATE_VERSION:
        raise ValueError(f"cluster state version {state.get('version')} is not {STATE_VERSION}")
    stored = json.loads(state["params"])
    eng = cls(params if params is not None else stored, state["window_hours"], state["next_story_id"])
    eng.now = state["now"]
    eng.vectoriser.ndocs = state["ndocs"]
    if int(stored["df_bits"]) == eng.vectoriser.bits:
        eng.vectoriser.df = np.frombuffer(state["df"], dtype=np.uint32).copy()
    for (sid, first, last, n, title, body, ents, keys, members, edf, tdf, mvecs, emb, membs,
         language) in state["stories"]:
        s = LiveStory(sid, first)
        s.last, s.n, s.keys = last, n, tuple(keys)
        s.title, s.body, s.ents, s.edf, s.tdf = map(_unpack, (title, body, ents, edf, tdf))
        s.mvecs = [_unpack(m[:2]) + _unpack(m[2:]) for m in mvecs]
        if emb is not None and membs:
            s.set_embeddings(np.frombuffer(emb, dtype=np.float32).copy(),
                             np.stack([np.frombuffer(m, dtype=np.float32) for m in membs]))
        s.language = language
        eng.index.index_embedding(s)
        eng.index.key_entities(s)  # the index keys come from the state; top_ents as reindex sets them
        s.members = [tuple(m) for m in members]
        s.tnorm, s.bnorm, s.enorm = (sparse.norm(v[1]) for v in (s.title, s.body, s.ents))
        eng.stories[sid] = s
    eng._active = OrderedDict(state["active"])
    eng.index.postings = {k: dict.fromkeys(v) for k, v in state["postings"].items()}
    eng._doc_story = dict(state["doc_story"])
    eng.dedup = Deduplicator.from_state(state["dedup"])
    return eng
