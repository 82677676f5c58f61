"""Sparse vectors as two contiguous arrays, and the compiled kernels the story engine runs on them.

A vector is ``(keys, vals)``: term ids (``uint32``, sorted ascending, distinct) and their weights
(``float64``; member counts are float64 too, exact for integers). Why not dicts: a window of
~10,000 live stories holds millions of (term, weight) pairs; as dicts they are scattered over a
gigabyte of heap and every probe is a cache miss, so the engine slowed down as the window filled
(1.3 ms per article at 10k articles, 2.3 ms at a full window). As sorted arrays each vector is a
few contiguous cache lines and two vectors meet in one merge pass, compiled by numba (JIT, cached
on disk after the first run; no model or data is downloaded).

The kernels are written as plain Python and compiled by :func:`warm_up`, which the engine calls when
it starts: processes that only prepare documents (the engine's workers) never load numba (~70 MB
per process). The engine never runs them uncompiled.

Ties among equal weights are broken by term id (stable sorts over id-sorted arrays), so results
do not depend on insertion order or on the hash seed.
"""
from __future__ import annotations

import threading

import numpy as np

KEYS = np.uint32
EMPTY_KEYS = np.zeros(0, dtype=KEYS)
EMPTY_VALS = np.zeros(0, dtype=np.float64)
_KERNELS: list[str] = []


def _kernel(fn):
    """Mark ``fn`` to be compiled by :func:`warm_up`."""
    _KERNELS.append(fn.__name__)
    return fn


@_kernel
def unit(keys, w, top):
    """(sorted keys, weights scaled to unit length, the ``top`` keys by weight, their weights).

    Repeated keys (two terms with one CRC-32) are summed. A zero vector gives empty arrays.
    """
    n = keys.shape[0]
    order = np.argsort(keys, kind="mergesort")
    sk = np.empty(n, dtype=np.uint32)
    sv = np.empty(n, dtype=np.float64)
    m = 0
    for i in range(n):
        k, x = keys[order[i]], w[order[i]]
        if m > 0 and sk[m - 1] == k:
            sv[m - 1] += x
        else:
            sk[m] = k
            sv[m] = x
            m += 1
    sk, sv = sk[:m], sv[:m]
    length = norm(sv)
    if not length > 0:
        return sk[:0], sv[:0], sk[:0], sv[:0]
    sv = sv / length
    rank = np.argsort(-sv, kind="mergesort")[:top]
    return sk, sv, sk[rank], sv[rank]


@_kernel
def norm(v):
    """Euclidean length (the one way the engine computes it, so a restored state has the same norms)."""
    return np.sqrt(np.sum(v * v))


@_kernel
def sorted_top(rk, rv, n):
    """The first ``n`` of ranked (keys, weights), renormalised to unit length, sorted by key."""
    rk, rv = rk[:n], rv[:n]
    order = np.argsort(rk, kind="mergesort")
    length = norm(rv)
    if not length > 0:
        return rk[:0], rv[:0]
    return rk[order], rv[order] / length


@_kernel
def dot(ak, av, bk, bv):
    """Dot product of two sparse vectors (one merge pass); ``bv`` None: the sum of ``av`` over the
    keys ``b`` has too (numba compiles that case on its own, without the branch)."""
    i = j = 0
    na, nb = ak.shape[0], bk.shape[0]
    s = 0.0
    while i < na and j < nb:
        x, y = ak[i], bk[j]
        if x == y:
            if bv is None:
                s += av[i]
            else:
                s += av[i] * bv[j]
            i += 1
            j += 1
        elif x < y:
            i += 1
        else:
            j += 1
    return s


@_kernel
def shared_sum(ak, av, bk):
    """Sum of ``av`` over the keys of ``a`` that ``b`` has too."""
    return dot(ak, av, bk, None)


@_kernel
def log_ratio(ak, av, bk, bc, denom):
    """sum(a[k] * (log(count[k] + 0.2) - denom)) / sum(a): how many members use the article's terms
    (``count``: the vector (bk, bc), 0 where absent)."""
    i = j = 0
    na, nb = ak.shape[0], bk.shape[0]
    s = tot = 0.0
    while i < na:
        while j < nb and bk[j] < ak[i]:
            j += 1
        c = bc[j] if j < nb and bk[j] == ak[i] else 0.0
        s += av[i] * (np.log(c + 0.2) - denom)
        tot += av[i]
        i += 1
    return s / tot if tot > 0 else 0.0


@_kernel
def missing_core(ck, cw, cc, ak, n):
    """sum(w * log(1 - count / (n + 1))) over the core keys (ck, weight cw, member count cc) that ``a``
    lacks, over the core's total weight."""
    j = 0
    na = ak.shape[0]
    s = tot = 0.0
    for i in range(ck.shape[0]):
        tot += cw[i]
        while j < na and ak[j] < ck[i]:
            j += 1
        if not (j < na and ak[j] == ck[i]):
            s += cw[i] * np.log(1.0 - cc[i] / (n + 1.0))
    return s / tot if tot > 0 else 0.0


@_kernel
def add(ck, cv, vk, vv, keep):
    """c + v (a union of keys), cut to its ``keep`` largest entries once it holds more than
    ``2 * keep`` (so the cut, a sort, happens once every few additions). Returns (keys, vals, norm)."""
    nc, nv = ck.shape[0], vk.shape[0]
    ok = np.empty(nc + nv, dtype=np.uint32)
    ov = np.empty(nc + nv, dtype=np.float64)
    i = j = m = 0
    while i < nc or j < nv:
        if j >= nv or (i < nc and ck[i] < vk[j]):
            ok[m], ov[m] = ck[i], cv[i]
            i += 1
        elif i >= nc or vk[j] < ck[i]:
            ok[m], ov[m] = vk[j], vv[j]
            j += 1
        else:
            ok[m], ov[m] = ck[i], cv[i] + vv[j]
            i += 1
            j += 1
        m += 1
    ok, ov = ok[:m], ov[:m]
    if m > 2 * keep:
        sel = np.sort(np.argsort(-ov, kind="mergesort")[:keep])
        ok, ov = ok[sel], ov[sel]
    return ok, ov, norm(ov)


@_kernel
def select(ak, av, keys):
    """The entries of ``a`` whose key is among ``keys`` (any order, repeats allowed)."""
    ks = np.sort(keys)
    n = ak.shape[0]
    ok = np.empty(n, dtype=np.uint32)
    ov = np.empty(n, dtype=np.float64)
    i = j = m = 0
    while i < n and j < ks.shape[0]:
        x, y = ak[i], ks[j]
        if x == y:
            ok[m], ov[m] = x, av[i]
            m += 1
            i += 1
            j += 1
        elif x < y:
            i += 1
        else:
            j += 1
    return ok[:m], ov[:m]


@_kernel
def top_keys(k, v, n):
    """The ``n`` keys of largest weight, best first."""
    return k[np.argsort(-v, kind="mergesort")[:n]]


@_kernel
def core(ck, cc, k, v, need, n):
    """The keys counted at least ``need`` times (counts (ck, cc)) that the centroid (k, v) still holds:
    (keys, centroid weight / n, count)."""
    m = ck.shape[0]
    ok = np.empty(m, dtype=np.uint32)
    ow = np.empty(m, dtype=np.float64)
    oc = np.empty(m, dtype=np.float64)
    j = r = 0
    nk = k.shape[0]
    for i in range(m):
        if cc[i] < need:
            continue
        while j < nk and k[j] < ck[i]:
            j += 1
        if j < nk and k[j] == ck[i]:
            ok[r], ow[r], oc[r] = ck[i], v[j] / n, cc[i]
            r += 1
    return ok[:r], ow[:r], oc[:r]


@_kernel
def rank_votes(ids, counts, weights):
    """Ids voted for by runs of ``ids`` (the i-th run: ``counts[i]`` ids, each given ``weights[i]``), by their
    summed weight, largest first; ties in the order each id first appears. The sums add up in the order of
    ``ids``, as a dict accumulating them would."""
    n = ids.shape[0]
    w = np.empty(n, dtype=np.float64)
    m = 0
    for i in range(counts.shape[0]):
        for _ in range(counts[i]):
            w[m] = weights[i]
            m += 1
    order = np.argsort(ids, kind="mergesort")  # equal ids together, in order of appearance
    group = np.empty(n, dtype=np.int64)
    first = np.empty(n, dtype=np.int64)  # per group: the position of its first appearance
    g = -1
    for r in range(n):
        at = order[r]
        if r == 0 or ids[at] != ids[order[r - 1]]:
            g += 1
            first[g] = at
        group[at] = g
    groups = g + 1
    total = np.zeros(groups, dtype=np.float64)
    for i in range(n):
        total[group[i]] += w[i]
    by_first = np.argsort(first[:groups], kind="mergesort")
    ranked = by_first[np.argsort(-total[by_first], kind="mergesort")]
    out = np.empty(groups, dtype=np.int64)
    for r in range(groups):
        out[r] = ids[first[ranked[r]]]
    return out


@_kernel
def embedding_cosines(mean, members, emb):
    """(``mean`` . ``emb``, the largest of ``members`` (a row each) . ``emb``): dense dot products summed in
    float64 (one call instead of two BLAS products, whose set-up costs more than the sums of 256 numbers)."""
    dim = emb.shape[0]
    s = 0.0
    for i in range(dim):
        s += float(mean[i]) * float(emb[i])
    best = -np.inf
    for r in range(members.shape[0]):
        t = 0.0
        for i in range(dim):
            t += float(members[r, i]) * float(emb[i])
        best = max(best, t)
    return s, best


@_kernel
def weigh(vocab, idf, n_body, n_entities, body_tf, entity_tf, title_idx, title_tf, lead_idx, number_idx, top):
    """An article's unit vectors from its term ids (``vocab``: body terms, title terms, entity keys) and their
    idf: the body's and the entities' (each with its ``top`` entries ranked, as :func:`unit` gives them),
    the title's, and the entities named in the title or lead and those that are numbers (with their weights).
    Returns (entities, ranked entities, body, ranked body, title, lead entities, numbers), as
    (keys, weights) pairs."""
    ne = vocab.shape[0] - n_entities
    ek, ew, etk, etw = unit(vocab[ne:], entity_tf * idf[ne:], top)
    bk, bw, btk, btw = unit(vocab[:n_body], body_tf * idf[:n_body], top)
    tk, tw, _, _ = unit(vocab[title_idx], title_tf * idf[title_idx], 0)
    lk, lw = select(ek, ew, vocab[lead_idx])
    nk, nw = select(ek, ew, vocab[number_idx])
    return ek, ew, etk, etw, bk, bw, btk, btw, tk, tw, lk, lw, nk, nw


_compiled = False
_lock = threading.Lock()


def warm_up() -> None:
    """Compile every kernel (or load it from numba's on-disk cache) once per process, then run each
    once, so the first article is not slow."""
    global _compiled
    with _lock:
        if _compiled:
            return
        from numba import njit

        for name in _KERNELS:
            fn = globals()[name]
            if hasattr(fn, "py_func"):  # compiled by an earlier call that failed further on
                continue
            try:
                compiled = njit(cache=True, nogil=True)(fn)
            except RuntimeError:  # nowhere writable to cache (read-only install and home): compile each run
                compiled = njit(nogil=True)(fn)
            globals()[name] = compiled
        k = np.array([1, 2], dtype=KEYS)
        v = np.array([1.0, 2.0])
        sk, sv, rk, rv = unit(k, v, 2)
        sorted_top(rk, rv, 1)
        norm(v)
        dot(k, v, sk, sv)
        shared_sum(k, v, sk)
        log_ratio(k, v, k, v, 0.5)
        missing_core(k, v, v, k, 2)
        add(k, v, k, v, 1)
        top_keys(k, v, 1)
        select(k, v, k)
        core(k, v, k, v, 1.0, 2)
        e = np.ones(2, dtype=np.float32)
        i = np.array([0], dtype=np.int64)
        weigh(k, v, 1, 1, v[:1], v[:1], i, v[:1], i, i, 2)
        embedding_cosines(e, e[None, :], e)
        rank_votes(np.array([3, 1, 3], dtype=np.int64), np.array([1, 2], dtype=np.int64), v)
        _compiled = True
