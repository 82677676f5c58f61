"""Near-duplicate detection: exact hash, then MinHash + LSH over word 5-shingles, with containment.

A reprint is a near-duplicate of the earliest copy seen: same shingle set (exact hash), estimated
Jaccard similarity >= ``jaccard`` or, for a trimmed wire copy, estimated containment of the smaller
shingle set in the larger >= ``containment``. The LSH index is built with a low Jaccard threshold
(``lsh_threshold``) so trimmed copies (a third of the text dropped still leaves J ~ 0.5) are found;
candidates are then checked on their signatures.

Memory is bounded by the time window: every entry (signature, LSH buckets, exact hash) is dropped
once it is older than ``window_seconds`` than the newest article seen.
"""
from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .text import sorted_unique

_PERMS: dict[tuple[int, int], np.ndarray] = {}


def _identity(x: int) -> int:
    return x


def exact_key(shingles) -> int:
    """A stable 64-bit key of a shingle set (stable across processes, unlike ``hash``)."""
    arr = sorted_unique(np.asarray(shingles, dtype=np.uint32).ravel())
    return int.from_bytes(hashlib.blake2b(arr.tobytes(), digest_size=8).digest(), "big") >> 1


def _permutations(num_perm: int, seed: int) -> np.ndarray:
    key = (num_perm, seed)
    if key not in _PERMS:
        _PERMS[key] = MinHash(num_perm=num_perm, seed=seed).permutations
    return _PERMS[key]


def _fast_hashvalues(shingles: np.ndarray, perm: np.ndarray) -> np.ndarray:
    """The hash values datasketch's ``MinHash.update_batch`` gives for 32-bit shingles and the
    "affine32" scheme (murmur3 fmix32 pre-mix, then ``a * h + b`` mod 2**32, minimum per
    permutation), in one vectorised pass: update_batch first turns the array into a Python list,
    which costs several times the arithmetic. Checked against datasketch once per process
    (:func:`_fast_path_ok`); the engine falls back to datasketch if they ever differ.
    """
    h = np.asarray(shingles, dtype=np.uint32).reshape(-1, 1)
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    h = h ^ (h >> np.uint32(16))
    return (h * perm[0] + perm[1]).min(axis=0)


_FAST_OK: dict[tuple[int, int], bool] = {}


def _fast_path_ok(num_perm: int, seed: int) -> bool:
    key = (num_perm, seed)
    if key not in _FAST_OK:
        perm = _permutations(num_perm, seed)
        ok = perm.dtype == np.uint32 and perm.shape == (2, num_perm)
        if ok:
            probe = np.random.RandomState(12345).randint(0, 1 << 32, size=300, dtype=np.uint64).astype(np.uint32)
            ref = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, permutations=perm, scheme="affine32")
            ref.update_batch(probe.tolist())
            with np.errstate(over="ignore"):
                ok = bool(np.array_equal(ref.hashvalues, _fast_hashvalues(probe, perm)))
        _FAST_OK[key] = ok
    return _FAST_OK[key]


def _hashvalues(shingles: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash values of a non-empty shingle set: vectorised, or by datasketch if that ever differs."""
    perm = _permutations(num_perm, seed)
    if _fast_path_ok(num_perm, seed):
        with np.errstate(over="ignore"):
            return _fast_hashvalues(shingles, perm)
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, permutations=perm, scheme="affine32")
    m.update_batch(shingles.tolist() if isinstance(shingles, np.ndarray) else list(shingles))
    return m.hashvalues


def sketch(shingles: np.ndarray, num_perm: int = 64, seed: int = 1,
           min_shingles: int = 15) -> tuple[np.ndarray | None, int | None]:
    """(MinHash values, exact key) of a shingle set: a pure function, so it can run in another
    process before the sequential engine. No values below ``min_shingles``; no key for no text."""
    if not len(shingles):
        return None, None
    hv = _hashvalues(shingles, num_perm, seed) if len(shingles) >= min_shingles else None
    return hv, exact_key(shingles)


class BandIndex:
    """LSH over MinHash signatures: ``bands`` bands of ``rows`` values each; signatures equal on a whole band
    are candidates. The index of datasketch's ``MinHashLSH`` (same bands, same candidates), keyed by the
    band's bytes straight from the signature array: no MinHash object, no byte swap per band."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        self._tables: list[dict[bytes, set[int]]] = [{} for _ in range(bands)]

    def _keys(self, sig: np.ndarray) -> list[bytes]:
        raw = np.ascontiguousarray(sig[: self.bands * self.rows], dtype=np.uint32).tobytes()
        width = 4 * self.rows
        return [raw[i:i + width] for i in range(0, len(raw), width)]

    def insert(self, key: int, sig: np.ndarray) -> None:
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            bucket = table.get(band)
            if bucket is None:
                table[band] = {key}
            else:
                bucket.add(key)

    def query(self, sig: np.ndarray) -> set[int]:
        found: set[int] = set()
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            bucket = table.get(band)
            if bucket:
                found |= bucket
        return found

    def remove(self, key: int, sig: np.ndarray) -> None:
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            bucket = table.get(band)
            if bucket is not None:
                bucket.discard(key)
                if not bucket:
                    del table[band]


@dataclass(frozen=True)
class DupResult:
    duplicate_of: int | None  # the earliest copy, when this article is a near-duplicate
    similarity: float  # best similarity to an earlier article (max of Jaccard and containment)
    near: int | None = None  # the article giving that similarity (also when below the threshold)


class Deduplicator:
    """Streaming near-duplicate finder over a time window. Keys are article ids (ints)."""

    def __init__(self, window_seconds: float, num_perm: int = 64, jaccard: float = 0.8,
                 containment: float = 0.85, lsh_threshold: float = 0.35, min_shingles: int = 15,
                 seed: int = 1, lsh_bands: tuple[int, int] | None = None) -> None:
        self.window = float(window_seconds)
        self.num_perm = num_perm
        self.jaccard = jaccard
        self.containment = containment
        self.lsh_threshold = lsh_threshold
        self.min_shingles = min_shingles
        self.seed = seed
        # (bands, rows) when given; else datasketch picks them for lsh_threshold
        self.lsh_bands = tuple(lsh_bands) if lsh_bands else None
        lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm, params=self.lsh_bands)  # its bands and rows
        self._lsh = BandIndex(lsh.b, lsh.r)
        self._sig: dict[int, np.ndarray] = {}  # article id -> signature (uint32)
        self._size: dict[int, int] = {}  # article id -> number of shingles
        self._root: dict[int, int] = {}  # article id -> earliest copy (itself if original)
        self._exact: dict[int | None, int] = {}  # exact key of the shingle set -> article id
        self._exact_of: dict[int, int | None] = {}  # article id -> its exact key
        self._order: deque[tuple[float, int]] = deque()
        self.now = float("-inf")

    def __len__(self) -> int:
        return len(self._root)

    def check(self, size: int, hashvalues: np.ndarray | None, exact_hash: int | None) -> DupResult:
        """Is a text with this :func:`sketch` (``size`` distinct shingles) a near-duplicate of one
        in the window? (No state change.)"""
        if not size:
            return DupResult(None, 0.0)
        exact = self._exact.get(exact_hash)
        if exact is not None:
            return DupResult(self._root.get(exact, exact), 1.0, exact)
        if size < self.min_shingles or hashvalues is None:
            return DupResult(None, 0.0)
        keys = self._lsh.query(hashvalues)
        if not keys:
            return DupResult(None, 0.0)
        best, best_key, best_dup = 0.0, None, False
        for key in keys:
            j = float(np.count_nonzero(self._sig[key] == hashvalues)) / self.num_perm
            other = self._size[key]
            inter = j * (size + other) / (1.0 + j)
            small = min(size, other)
            cont = min(1.0, inter / small) if small >= self.min_shingles else 0.0
            sim = max(j, cont)
            dup = j >= self.jaccard or cont >= self.containment
            if (dup, sim, -key) > (best_dup, best, -(best_key if best_key is not None else 0)):
                best, best_key, best_dup = sim, key, dup
        if best_dup and best_key is not None:  # (a duplicate always has a key)
            return DupResult(self._root.get(best_key, best_key), round(best, 4), best_key)
        return DupResult(None, round(best, 4), best_key)

    def add(self, article_id: int, time: float, size: int, hashvalues: np.ndarray | None, exact_hash: int | None,
            root: int | None = None) -> None:
        """Index an article by its :func:`sketch` (``root``: the earliest copy it duplicates, if any)."""
        if article_id in self._root or not size:
            return
        self._root[article_id] = article_id if root is None else root
        self._exact.setdefault(exact_hash, article_id)
        self._exact_of[article_id] = exact_hash
        if size >= self.min_shingles and hashvalues is not None:
            self._sig[article_id] = np.array(hashvalues, dtype=np.uint32)
            self._size[article_id] = size
            self._lsh.insert(article_id, self._sig[article_id])
        self._order.append((time, article_id))
        self.expire(time)

    def process(self, article_id: int, time: float, size: int, hashvalues: np.ndarray | None,
                exact_hash: int | None) -> DupResult:
        """check() then add(): the usual streaming call, with the article's :func:`sketch` (computed
        beforehand, maybe in a worker process) and its number of distinct shingles."""
        res = self.check(size, hashvalues, exact_hash)
        self.add(article_id, time, size, hashvalues, exact_hash, res.duplicate_of)
        return res

    def expire(self, time: float) -> None:
        if time > self.now:
            self.now = time
        limit = self.now - self.window
        while self._order and self._order[0][0] < limit:
            _, key = self._order.popleft()
            self._drop(key)

    def _drop(self, key: int) -> None:
        self._root.pop(key, None)
        ex = self._exact_of.pop(key, None)
        if ex is not None and self._exact.get(ex) == key:
            del self._exact[ex]
        sig = self._sig.pop(key, None)
        if sig is not None:
            self._size.pop(key, None)
            self._lsh.remove(key, sig)

    # -- persistence (plain data; the LSH index is rebuilt on load) -------------------------
    def state(self) -> dict:
        keys = [k for _, k in self._order]
        with_sig = [k for k in keys if k in self._sig]
        return {
            "params": [self.window, self.num_perm, self.jaccard, self.containment, self.lsh_threshold,
                       self.min_shingles, self.seed, list(self.lsh_bands or ())],
            "order": [[t, k] for t, k in self._order],
            "root": [self._root[k] for k in keys],
            "exact": [self._exact_of.get(k, 0) for k in keys],
            "sig_keys": with_sig,
            "sigs": np.array([self._sig[k] for k in with_sig], dtype=np.uint32).reshape(-1, self.num_perm).tobytes(),
            "sizes": [self._size[k] for k in with_sig],
            "now": self.now,
        }

    @classmethod
    def from_state(cls, st: dict) -> Deduplicator:
        window, num_perm, jac, cont, lsh_t, min_sh, seed, *bands = st["params"]
        d = cls(window, num_perm, jac, cont, lsh_t, min_sh, seed, tuple(bands[0]) if bands and bands[0] else None)
        d.now = st["now"]
        for (t, k), root, ex in zip(st["order"], st["root"], st["exact"], strict=False):
            d._order.append((t, k))
            d._root[k] = root
            d._exact.setdefault(ex, k)
            d._exact_of[k] = ex
        sigs = np.frombuffer(st["sigs"], dtype=np.uint32).reshape(-1, num_perm)
        for k, sig, size in zip(st["sig_keys"], sigs, st["sizes"], strict=False):
            d._sig[k] = sig.copy()
            d._size[k] = size
            d._lsh.insert(k, d._sig[k])
        return d
