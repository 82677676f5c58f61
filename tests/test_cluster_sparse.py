"""The engine's compiled sparse-vector kernels against plain dict arithmetic on random vectors."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

from storywire.cluster import sparse

sparse.warm_up()  # the compiled kernels (what the engine runs), not their plain-Python source


def vec(rng: random.Random, n: int, universe: int = 400) -> dict[int, float]:
    return {k: rng.choice([0.5, 1.0, rng.random()]) for k in rng.sample(range(universe), n)}


def arrays(v: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    keys = sorted(v)
    return np.array(keys, dtype=sparse.KEYS), np.array([v[k] for k in keys], dtype=np.float64)


def as_dict(k: np.ndarray, w: np.ndarray) -> dict[int, float]:
    assert np.all(np.diff(k.astype(np.int64)) > 0), "keys must stay sorted and distinct"
    return dict(zip(k.tolist(), w.tolist(), strict=True))


@pytest.mark.parametrize("seed", range(20))
def test_kernels_match_dict_arithmetic(seed):
    rng = random.Random(seed)
    a, b = vec(rng, rng.randint(0, 120)), vec(rng, rng.randint(0, 120))
    ak, aw = arrays(a)
    bk, bw = arrays(b)
    assert sparse.dot(ak, aw, bk, bw) == pytest.approx(sum(x * b[k] for k, x in a.items() if k in b))
    assert sparse.shared_sum(ak, aw, bk) == pytest.approx(sum(x for k, x in a.items() if k in b))

    keep = rng.randint(5, 60)
    ck, cw, norm = sparse.add(ak, aw, bk, bw, keep)
    total = {k: a.get(k, 0.0) + b.get(k, 0.0) for k in a.keys() | b.keys()}
    if len(total) > 2 * keep:  # pruned to the keep largest; ties broken by the lower id
        total = dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    assert as_dict(ck, cw) == pytest.approx(total)
    assert norm == pytest.approx(math.sqrt(sum(x * x for x in total.values())))

    counts = {k: float(rng.randint(1, 5)) for k in b}
    denom = math.log(7.7)
    expect = sum(x * (math.log(counts.get(k, 0.0) + 0.2) - denom) for k, x in a.items()) / sum(a.values()) if a else 0.0
    assert sparse.log_ratio(ak, aw, *arrays(counts), denom) == pytest.approx(expect)

    top = sparse.top_keys(ak, aw, 10).tolist()
    assert top == [k for k, _ in sorted(a.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
    picked = rng.sample(sorted(a), min(5, len(a))) + [10_000]
    assert as_dict(*sparse.select(ak, aw, np.array(picked, dtype=sparse.KEYS))) == {k: a[k] for k in picked if k in a}


def test_unit_vectors_sum_repeated_ids_and_rank_by_weight():
    keys = np.array([7, 3, 7, 9], dtype=sparse.KEYS)  # id 7 twice: two terms with one CRC-32
    sk, sv, rk, rv = sparse.unit(keys, np.array([1.0, 2.0, 2.0, 1.0]), 2)
    n = math.sqrt(2.0 ** 2 + 3.0 ** 2 + 1.0)
    assert sk.tolist() == [3, 7, 9] and sv == pytest.approx([2 / n, 3 / n, 1 / n])
    assert rk.tolist() == [7, 3] and rv == pytest.approx([3 / n, 2 / n])
    empty = sparse.unit(np.array([4], dtype=sparse.KEYS), np.array([0.0]), 3)
    assert all(len(x) == 0 for x in empty)


def test_core_keeps_terms_most_members_use_that_the_centroid_holds():
    ck, cc = np.array([1, 2, 3, 5], dtype=sparse.KEYS), np.array([4.0, 1.0, 3.0, 4.0])
    k, w = np.array([1, 2, 3], dtype=sparse.KEYS), np.array([0.8, 0.4, 0.6])
    keys, weights, counts = sparse.core(ck, cc, k, w, 3.0, 4)
    assert keys.tolist() == [1, 3] and weights == pytest.approx([0.2, 0.15]) and counts.tolist() == [4.0, 3.0]
    # the core's weight the article (keys 3 and 8) lacks, by how many members use it
    miss = sparse.missing_core(keys, weights, counts, np.array([3, 8], dtype=sparse.KEYS), 4)
    assert miss == pytest.approx(0.2 * math.log(1 - 4 / 5) / 0.35)


@pytest.mark.parametrize("seed", range(5))
def test_rank_votes_orders_like_a_dict_of_summed_weights(seed):
    rng = random.Random(seed)
    runs = [([rng.randrange(30) for _ in range(rng.randint(0, 12))], rng.choice([0.5, 0.25, rng.random()]))
            for _ in range(rng.randint(1, 10))]
    score: dict[int, float] = {}
    for ids, w in runs:
        for i in ids:
            score[i] = score.get(i, 0.0) + w
    expect = [i for i, _ in sorted(score.items(), key=lambda kv: kv[1], reverse=True)]
    flat = np.array([i for ids, _ in runs for i in ids], dtype=np.int64)
    got = sparse.rank_votes(flat, np.array([len(ids) for ids, _ in runs], dtype=np.int64),
                            np.array([w for _, w in runs]))
    assert got.tolist() == expect  # ties (equal sums) in the order the ids first came


def test_embedding_cosines_are_the_mean_and_best_member_dot_products():
    rng = np.random.default_rng(3)
    mean, emb = rng.standard_normal(16).astype(np.float32), rng.standard_normal(16).astype(np.float32)
    members = rng.standard_normal((4, 16)).astype(np.float32)
    to_mean, best = sparse.embedding_cosines(mean, members, emb)
    assert to_mean == pytest.approx(float(mean.astype(np.float64) @ emb.astype(np.float64)))
    assert best == pytest.approx(max(float(m.astype(np.float64) @ emb.astype(np.float64)) for m in members))
