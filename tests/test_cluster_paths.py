"""The story engine's faster paths decide as the paths they replaced: the near-duplicate band index against
datasketch's MinHashLSH, on sketches of written paragraphs and their rewrites."""
from __future__ import annotations

import random

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from storywire.cluster.dedup import BandIndex, sketch
from storywire.cluster.text import shingle_hashes

PARAGRAPH = ("The harbour workers walked out at dawn on Tuesday after talks over night shifts broke down, and the "
             "port authority said ships would wait at anchor until the dispute was settled. Union leaders told a "
             "crowd at the gates that the strike would last a week unless the owners returned to the table with a "
             "new offer on pay and hours. Fishing boats were allowed through, the authority said, but container "
             "traffic stopped within an hour and lorries queued along the coast road into the evening.").split()
OTHER_WORDS = "council river bridge flood school budget vote court trial museum storm train festival".split()


def rewrites(n: int, seed: int = 5) -> list[np.ndarray]:
    """Sketches of ``n`` texts: the paragraph trimmed, reworded in a few places, or rewritten at random."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = list(PARAGRAPH)
        kind = rng.random()
        if kind < 0.3:  # a trimmed copy
            words = words[: rng.randint(40, len(words))]
        elif kind < 0.8:  # a copy reworded in a few places
            for _ in range(rng.randint(1, 12)):
                words[rng.randrange(len(words))] = rng.choice(OTHER_WORDS)
        else:  # another text
            words = [rng.choice(PARAGRAPH + OTHER_WORDS) for _ in range(60)]
        sig, _ = sketch(shingle_hashes(words))
        assert sig is not None
        out.append(sig)
    return out


def test_band_index_finds_the_candidates_datasketch_finds():
    sigs = rewrites(300)
    lsh = MinHashLSH(threshold=0.35, num_perm=64, params=(10, 2))
    index = BandIndex(10, 2)
    found = []
    for key, sig in enumerate(sigs):
        lean = LeanMinHash(seed=1, hashvalues=sig, scheme="affine32")
        expected = set(lsh.query(lean))
        assert index.query(sig) == expected
        found.append(len(expected))
        lsh.insert(key, lean, check_duplication=False)
        index.insert(key, sig)
    assert sum(found) > 1000 and found.count(0) > 10  # copies find many earlier ones; other texts none
    for key in range(0, 300, 2):  # the window moves on: half of them leave the index
        lsh.remove(key)
        index.remove(key, sigs[key])
    for sig in sigs:
        assert index.query(sig) == set(lsh.query(LeanMinHash(seed=1, hashvalues=sig, scheme="affine32")))


def test_documents_packed_for_the_trip_from_a_worker_come_back_as_they_were():
    import pickle
    from datetime import UTC, datetime

    from storywire.cluster.online import OnlineClusterer
    from storywire.cluster.prepare import ClusterDoc, prepare_batch
    from storywire.cluster.transfer import pack, unpack

    eng = OnlineClusterer()
    docs = [ClusterDoc(1, "Outlet A", "Harbour strike", " ".join(PARAGRAPH), datetime(2024, 5, 1, tzinfo=UTC), "en"),
            ClusterDoc(2, "Outlet B", "", "", None),  # no text, undated: no sketch
            ClusterDoc(3, "Outlet C", "Port dispute", " ".join(PARAGRAPH[:40]), datetime(2024, 5, 2, tzinfo=UTC))]
    prepared = prepare_batch(docs, eng.vectoriser.terms, eng.dedup.num_perm, eng.dedup.seed, eng.embedder)
    back = unpack(pickle.loads(pickle.dumps(pack(prepared))))
    assert len(back) == len(prepared)
    for got, want in zip(back, prepared, strict=True):
        for name, value in vars(want).items():
            if isinstance(value, np.ndarray):
                assert getattr(got, name).dtype == value.dtype and np.array_equal(getattr(got, name), value), name
            else:
                assert getattr(got, name) == value, name
