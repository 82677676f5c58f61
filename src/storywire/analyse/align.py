"""Passages shared verbatim or nearly by two or more articles, and passages unique to one.

Method (no all-pairs comparison: a sentence is compared with a few clusters at most; counting which
clusters its shingles hit reads posting lists that grow with the story where shingles are common to
many sentences):

1. Every sentence is normalised (quotes folded, honorifics dropped, case, punctuation, hyphens and
   British/American spellings folded: "Mr. Macron's" == "Macron's", "co-ordinated" == "coordinated").
2. Sentences are clustered greedily: word 3-gram shingles of a few members of each cluster are
   indexed; a new sentence is compared (longest common token subsequence, rapidfuzz's Indel distance on
   normalised tokens) with the best few clusters
   its shingles hit, and joins the first whose similarity passes, else starts a cluster.
3. Sentences left alone are searched for shared fragments (runs of >= 8 tokens built from word
   6-grams that another article also has), e.g. a wire lead an outlet rewrote around a clause.
4. Consecutive shared sentences of one paragraph carried by the same articles form one passage.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Set
from dataclasses import dataclass
from heapq import nlargest
from itertools import chain
from operator import itemgetter

from rapidfuzz.distance import Indel

from .sentences import Sentence

SHINGLE = 3
FRAGMENT_SHINGLE = 6
FRAGMENT_MIN_TOKENS = 8
MIN_ALIGN_TOKENS = 5
RATIO = 0.66
INDEXED_PER_CLUSTER = 3
CANDIDATES = 4


@dataclass
class Fragment:
    """A run of tokens of one sentence that another article also has (step 3)."""

    article_id: int
    sentence: Sentence
    tok_start: int
    tok_end: int  # exclusive

    @property
    def start(self) -> int:
        return self.sentence.spans[self.tok_start][0]

    @property
    def end(self) -> int:
        return self.sentence.spans[self.tok_end - 1][1]


@dataclass
class Passage:
    """Text shared by several articles, as the first of them (in ``order``) words it."""

    text: str
    article_ids: list[int]


@dataclass
class Alignment:
    clusters: list[list[Sentence]]  # sentence clusters, each a list of near-identical sentences
    shared: list[Passage]
    unique: dict[int, list[str]]
    share: dict[int, float]  # fraction of an article's tokens carried by another article too


def similarity(a: list[str], b: list[str]) -> tuple[float, float]:
    """(ratio, containment of the shorter) of two token lists."""
    if not a or not b:
        return 0.0, 0.0
    total = len(a) + len(b)
    matched = (total - Indel.distance(a, b)) / 2  # tokens in the longest common subsequence
    return 2.0 * matched / total, matched / min(len(a), len(b))


def near_same(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    ratio, contain = similarity(a, b)
    if ratio >= RATIO:
        return True
    short, long_ = sorted((len(a), len(b)))
    return short >= 8 and contain >= 0.9 and contain * short / long_ >= 0.5


def _shingles(tokens: list[str], k: int) -> list[tuple[str, ...]]:
    """Distinct k-shingles in order of first occurrence (ordered, so results do not depend on hashing)."""
    if len(tokens) < k:
        return [tuple(tokens)] if tokens else []
    return list(dict.fromkeys(tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)))


Key = tuple[int, int]  # (article_id, sentence index)


def align(sentences: dict[int, list[Sentence]], order: list[int], texts: dict[int, str],
          skip: Set[Key] = frozenset()) -> Alignment:
    """Align the sentences of the articles in ``order`` (lead/earliest first).

    ``skip`` holds (article_id, index) of sentences to leave out (captions, credit lines).
    """
    clustering = _SentenceClusters()
    cluster_of: dict[Key, int] = {}
    for aid in order:
        for s in sentences.get(aid, ()):
            if (aid, s.index) not in skip:
                cluster_of[(aid, s.index)] = clustering.add(s)
    clusters = clustering.clusters
    carriers = [_ids(members) for members in clusters]
    shared = _shared_sentences(sentences, order, texts, cluster_of, clusters, carriers)
    lonely = [s for aid in order for s in sentences.get(aid, ()) if (aid, s.index) in cluster_of
              and len(carriers[cluster_of[(aid, s.index)]]) < 2]
    fragments, covered = _fragments(lonely)
    shared += [_fragment_passage(group, order, texts) for group in fragments]
    unique: dict[int, list[str]] = {}
    share: dict[int, float] = {}
    for aid in order:
        unique[aid], share[aid] = _unique_passages(aid, sentences.get(aid, []), texts[aid], skip, cluster_of,
                                                   carriers, covered)
    return Alignment(clusters, shared, unique, share)


class _SentenceClusters:
    """Step 2: greedy clustering; the first few members of each cluster are indexed by shingle."""

    def __init__(self) -> None:
        self.clusters: list[list[Sentence]] = []
        self._index: dict[tuple[str, ...], list[int]] = defaultdict(list)  # shingle -> cluster ids
        self._indexed: list[int] = []  # members indexed per cluster

    def add(self, s: Sentence) -> int:
        """Put ``s`` in the first close cluster, else in a new one; returns the cluster id."""
        if len(s.tokens) < MIN_ALIGN_TOKENS:  # too short to align: a cluster of its own, never indexed
            joined = self._new(INDEXED_PER_CLUSTER)
        else:
            sh = _shingles(s.tokens, SHINGLE)
            found = self._match(s, sh)
            joined = self._new(0) if found is None else found
            if self._indexed[joined] < INDEXED_PER_CLUSTER and all(m.tokens != s.tokens for m in self.clusters[joined]):
                for g in sh:
                    lst = self._index[g]
                    if not lst or lst[-1] != joined:
                        lst.append(joined)
                self._indexed[joined] += 1
        self.clusters[joined].append(s)
        return joined

    def _new(self, indexed: int) -> int:
        self.clusters.append([])
        self._indexed.append(indexed)
        return len(self.clusters) - 1

    def _match(self, s: Sentence, sh: list[tuple[str, ...]]) -> int | None:
        """The first of the best-hit clusters with a member near the same as ``s``."""
        # counted in C, clusters in the order first hit; the best few as a stable sort by count would give them
        hits = Counter(chain.from_iterable(self._index.get(g, ()) for g in sh))
        need = max(1, len(sh) // 5)
        for c, n in nlargest(CANDIDATES, hits.items(), key=itemgetter(1)):
            if n < need:
                break
            if any(near_same(s.tokens, m.tokens) for m in self.clusters[c][:INDEXED_PER_CLUSTER]):
                return c
        return None


def _shared_sentences(sentences: dict[int, list[Sentence]], order: list[int], texts: dict[int, str],
                      cluster_of: dict[Key, int], clusters: list[list[Sentence]],
                      carriers: list[tuple[int, ...]]) -> list[Passage]:
    """Step 4: passages of shared sentences, in the order of the first article carrying them."""
    shared: list[Passage] = []
    emitted: set[int] = set()
    for aid in order:
        run: list[int] = []
        last_para = None
        for s in sentences.get(aid, ()):
            c = cluster_of.get((aid, s.index))
            if c is not None and (c in emitted or len(carriers[c]) < 2):
                c = None  # not a shared sentence still to show
            if c is not None and run and s.para == last_para and carriers[c] == carriers[run[-1]] \
                    and cluster_of.get((aid, s.index - 1)) == run[-1]:
                run.append(c)
                emitted.add(c)
            else:
                if run:
                    shared.append(_passage(run, clusters, carriers, aid, texts))
                run = [] if c is None else [c]
                if c is not None:
                    emitted.add(c)
            last_para = s.para
        if run:
            shared.append(_passage(run, clusters, carriers, aid, texts))
    return shared


def _ids(members: list[Sentence]) -> tuple[int, ...]:
    return tuple(sorted({m.article_id for m in members}))


def _passage(run: list[int], clusters: list[list[Sentence]], carriers: list[tuple[int, ...]], aid: int,
             texts: dict[int, str]) -> Passage:
    """The consecutive shared sentences ``run`` (cluster ids) as article ``aid`` words them."""
    mine = [next(m for m in clusters[c] if m.article_id == aid) for c in run]
    return Passage(texts[aid][mine[0].start:mine[-1].end], list(carriers[run[0]]))


def _fragment_passage(group: list[Fragment], order: list[int], texts: dict[int, str]) -> Passage:
    """A shared fragment as the first article (in ``order``) carrying it words it."""
    group.sort(key=lambda f: order.index(f.article_id))
    lead = group[0]
    return Passage(texts[lead.article_id][lead.start:lead.end], sorted({f.article_id for f in group}))


def _unique_passages(aid: int, sents: list[Sentence], text: str, skip: Set[Key], cluster_of: dict[Key, int],
                     carriers: list[tuple[int, ...]], covered: dict[Key, float]) -> tuple[list[str], float]:
    """(runs of sentences only ``aid`` carries, share of its tokens that another article carries too); a
    sub-heading (a paragraph of its own before the last) is no passage of its own."""
    total = shared_tokens = 0
    out: list[str] = []
    run: list[int] | None = None  # [start, end] of the open run of unshared consecutive sentences
    last: Sentence | None = None  # its last sentence
    per_para = Counter(s.para for s in sents)
    last_para = max(per_para, default=0)
    for s in sents:
        key = (aid, s.index)
        if key in skip or (per_para[s.para] == 1 and s.para < last_para and is_sub_heading(s.text)):
            continue
        n = len(s.tokens)
        total += n
        is_shared = len(carriers[cluster_of[key]]) >= 2
        cov = covered.get(key, 0.0)
        shared_tokens += n if is_shared else round(cov * n)
        if not is_shared and cov < 0.5:
            if run is not None and last is not None and last.para == s.para and last.index == s.index - 1:
                run[1] = s.end
            else:
                if run is not None:
                    out.append(text[run[0]:run[1]])
                run = [s.start, s.end]
            last = s
        else:
            if run is not None:
                out.append(text[run[0]:run[1]])
            run = last = None
    if run is not None:
        out.append(text[run[0]:run[1]])
    return out, shared_tokens / total if total else 0.0


_SENTENCE_END = frozenset(".!?…:;")
_CLOSING = "\"'”’)]"


def is_sub_heading(paragraph: str, max_words: int = 15) -> bool:
    """A paragraph that is a heading, not a sentence: a few words without a sentence's closing mark ("'Throw
    of the dice'", "No third party has a veto right on future membership, says NATO's deputy chief")."""
    bare = paragraph.strip().rstrip(_CLOSING).rstrip()
    return bool(bare) and bare[-1] not in _SENTENCE_END and len(paragraph.split()) <= max_words


def _fragments(lonely: list[Sentence]) -> tuple[list[list[Fragment]], dict[Key, float]]:
    """Step 3: fragments of ``lonely`` sentences that another article has too, grouped when they share a
    shingle (groups of one article are dropped), and the share of each sentence's tokens they cover."""
    k = FRAGMENT_SHINGLE
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for s in lonely:
        for i in range(len(s.tokens) - k + 1):
            owners[tuple(s.tokens[i:i + k])].add(s.article_id)
    frags: list[Fragment] = []
    frag_shingles: list[list[tuple[str, ...]]] = []
    covered: dict[Key, float] = {}
    for s in lonely:
        n = len(s.tokens)
        if n < FRAGMENT_MIN_TOKENS:
            continue
        mark = [False] * n
        keys_at: list[tuple[str, ...] | None] = [None] * n
        for i in range(n - k + 1):
            g = tuple(s.tokens[i:i + k])
            if len(owners.get(g, ())) >= 2:
                keys_at[i] = g
                for j in range(i, i + k):
                    mark[j] = True
        cov = 0
        for a, b in _marked_runs(mark):
            if b - a >= FRAGMENT_MIN_TOKENS:
                frags.append(Fragment(s.article_id, s, a, b))
                frag_shingles.append(list(dict.fromkeys(g for g in keys_at[a:b] if g is not None)))
                cov += b - a
        if cov:
            covered[(s.article_id, s.index)] = cov / n
    groups: dict[int, list[Fragment]] = defaultdict(list)
    for f, root in zip(frags, _linked(frag_shingles), strict=True):
        groups[root].append(f)
    out = [g for g in groups.values() if len({f.article_id for f in g}) >= 2]
    return out, covered


def _marked_runs(mark: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of the runs of marked tokens, bridging gaps of up to 2 tokens (small edits)."""
    n = len(mark)
    i = 0
    runs = []
    while i < n:
        if not mark[i]:
            i += 1
            continue
        j = i
        while True:
            while j < n and mark[j]:
                j += 1
            gap = j
            while gap < n and not mark[gap] and gap - j < 3:
                gap += 1
            if gap < n and mark[gap] and gap - j <= 2:
                j = gap
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _linked(shingles: list[list[tuple[str, ...]]]) -> list[int]:
    """Union-find over items sharing any shingle: the root of each item's group."""
    parent = list(range(len(shingles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[tuple[str, ...], int] = {}
    for i, sh in enumerate(shingles):
        for g in sh:
            if g in first:
                ra, rb = find(first[g]), find(i)
                if ra != rb:
                    parent[rb] = ra
            else:
                first[g] = i
    return [find(i) for i in range(len(shingles))]
