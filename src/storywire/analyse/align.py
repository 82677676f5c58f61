"""Passages shared verbatim or nearly by two or more articles, and passages unique to one.

Method (linear in the story's size, no all-pairs comparison):

1. Every sentence is normalised (quotes folded, honorifics dropped, case, punctuation, hyphens and
   British/American spellings folded: "Mr. Macron's" == "Macron's", "co-ordinated" == "coordinated").
2. Sentences are clustered greedily: word 3-gram shingles of a few members of each cluster are
   indexed; a new sentence is compared (difflib on normalised tokens) with the best few clusters
   its shingles hit, and joins the first whose similarity passes, else starts a cluster.
3. Sentences left alone are searched for shared fragments (runs of >= 8 tokens built from word
   6-grams that another article also has), e.g. a wire lead an outlet rewrote around a clause.
4. Consecutive shared sentences of one paragraph carried by the same articles form one passage.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

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
    text: str
    article_ids: list[int]
    sentences: list[list[Sentence]]  # per position in the passage: the cluster's members
    kind: str = "sentences"  # or "fragment"
    members: dict[int, tuple[int, int]] = field(default_factory=dict)  # article_id -> (start, end) of its copy


@dataclass
class Alignment:
    clusters: list[list[Sentence]]
    cluster_of: dict[tuple[int, int], int]  # (article_id, sentence index) -> cluster index
    shared: list[Passage]
    unique: dict[int, list[str]]
    share: dict[int, float]  # fraction of an article's tokens carried by another article too
    covered: dict[tuple[int, int], float]  # fragment coverage of unshared sentences

    def carriers(self, s: Sentence) -> list[int]:
        members = self.clusters[self.cluster_of[(s.article_id, s.index)]]
        return sorted({m.article_id for m in members})


def similarity(a: list[str], b: list[str]) -> tuple[float, float]:
    """(ratio, containment of the shorter) of two token lists."""
    if not a or not b:
        return 0.0, 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(bl.size for bl in sm.get_matching_blocks())
    return 2.0 * matched / (len(a) + len(b)), matched / min(len(a), len(b))


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


def align(sentences: dict[int, list[Sentence]], order: list[int], texts: dict[int, str],
          skip: set[tuple[int, int]] = frozenset()) -> Alignment:
    """Align the sentences of the articles in ``order`` (lead/earliest first).

    ``skip`` holds (article_id, index) of sentences to leave out (captions, credit lines).
    """
    clusters: list[list[Sentence]] = []
    cluster_of: dict[tuple[int, int], int] = {}
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)  # shingle -> cluster ids
    indexed: list[int] = []  # members indexed per cluster

    for aid in order:
        for s in sentences.get(aid, ()):
            key = (aid, s.index)
            if key in skip:
                continue
            joined = None
            if len(s.tokens) >= MIN_ALIGN_TOKENS:
                sh = _shingles(s.tokens, SHINGLE)
                hits: dict[int, int] = defaultdict(int)
                for g in sh:
                    for c in index.get(g, ()):
                        hits[c] += 1
                need = max(1, len(sh) // 5)
                for c, n in sorted(hits.items(), key=lambda kv: -kv[1])[:CANDIDATES]:
                    if n < need:
                        break
                    if any(near_same(s.tokens, m.tokens) for m in clusters[c][:INDEXED_PER_CLUSTER]):
                        joined = c
                        break
                if joined is None:
                    joined = len(clusters)
                    clusters.append([])
                    indexed.append(0)
                if indexed[joined] < INDEXED_PER_CLUSTER and all(m.tokens != s.tokens for m in clusters[joined]):
                    for g in sh:
                        lst = index[g]
                        if not lst or lst[-1] != joined:
                            lst.append(joined)
                    indexed[joined] += 1
            else:
                joined = len(clusters)
                clusters.append([])
                indexed.append(INDEXED_PER_CLUSTER)
            clusters[joined].append(s)
            cluster_of[key] = joined

    def n_articles(c: int) -> int:
        return len({m.article_id for m in clusters[c]})

    # Shared passages from sentence clusters, in the order of the first article carrying them.
    shared: list[Passage] = []
    emitted: set[int] = set()
    for aid in order:
        run: list[int] = []
        last_para = None
        for s in sentences.get(aid, ()):
            c = cluster_of.get((aid, s.index))
            ok = c is not None and c not in emitted and n_articles(c) >= 2
            if ok and run and s.para == last_para and _ids(clusters[c]) == _ids(clusters[run[-1]]) \
                    and cluster_of.get((aid, s.index - 1)) == run[-1]:
                run.append(c)
                emitted.add(c)
            else:
                if run:
                    shared.append(_passage(run, clusters, aid, texts))
                run = [c] if ok else []
                if ok:
                    emitted.add(c)
            last_para = s.para
        if run:
            shared.append(_passage(run, clusters, aid, texts))

    # Shared fragments inside sentences that matched nothing whole.
    lonely = [s for aid in order for s in sentences.get(aid, ()) if (aid, s.index) in cluster_of
              and n_articles(cluster_of[(aid, s.index)]) < 2]
    fragments, covered = _fragments(lonely)
    for group in fragments:
        group.sort(key=lambda f: order.index(f.article_id))
        lead = group[0]
        members = {}
        for f in group:
            members.setdefault(f.article_id, (f.start, f.end))
        shared.append(Passage(texts[lead.article_id][lead.start:lead.end], sorted(members), [], "fragment", members))

    # Unique passages and shares.
    unique: dict[int, list[str]] = {}
    share: dict[int, float] = {}
    for aid in order:
        total = shared_tokens = 0
        out: list[str] = []
        run_start = run_end = None
        last = None
        for s in sentences.get(aid, ()):
            key = (aid, s.index)
            if key in skip:
                continue
            n = len(s.tokens)
            total += n
            c = cluster_of[key]
            is_shared = n_articles(c) >= 2
            cov = covered.get(key, 0.0)
            shared_tokens += n if is_shared else round(cov * n)
            if not is_shared and cov < 0.5:
                if run_start is not None and last is not None and last.para == s.para and last.index == s.index - 1:
                    run_end = s.end
                else:
                    if run_start is not None:
                        out.append(texts[aid][run_start:run_end])
                    run_start, run_end = s.start, s.end
                last = s
            else:
                if run_start is not None:
                    out.append(texts[aid][run_start:run_end])
                run_start = None
                last = None
        if run_start is not None:
            out.append(texts[aid][run_start:run_end])
        unique[aid] = out
        share[aid] = shared_tokens / total if total else 0.0
    return Alignment(clusters, cluster_of, shared, unique, share, covered)


def _ids(members: list[Sentence]) -> tuple[int, ...]:
    return tuple(sorted({m.article_id for m in members}))


def _passage(run: list[int], clusters: list[list[Sentence]], aid: int, texts: dict[int, str]) -> Passage:
    mine = [next(m for m in clusters[c] if m.article_id == aid) for c in run]
    ids = list(_ids(clusters[run[0]]))
    members: dict[int, tuple[int, int]] = {}
    for other in ids:
        spans = [m for c in run for m in clusters[c] if m.article_id == other]
        if spans:
            members[other] = (min(m.start for m in spans), max(m.end for m in spans))
    return Passage(texts[aid][mine[0].start:mine[-1].end], ids, [clusters[c] for c in run], "sentences", members)


def _fragments(lonely: list[Sentence]) -> tuple[list[list[Fragment]], dict[tuple[int, int], float]]:
    k = FRAGMENT_SHINGLE
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for s in lonely:
        for i in range(len(s.tokens) - k + 1):
            owners[tuple(s.tokens[i:i + k])].add(s.article_id)
    frags: list[Fragment] = []
    frag_shingles: list[list] = []
    covered: dict[tuple[int, int], float] = {}
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
        if not any(mark):
            continue
        # Runs of marked tokens, bridging gaps of up to 2 tokens (small edits).
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
        cov = 0
        for a, b in runs:
            if b - a >= FRAGMENT_MIN_TOKENS:
                frags.append(Fragment(s.article_id, s, a, b))
                frag_shingles.append(list(dict.fromkeys(keys_at[x] for x in range(a, b) if keys_at[x] is not None)))
                cov += b - a
        if cov:
            covered[(s.article_id, s.index)] = cov / n
    # Group fragments sharing any shingle (union-find).
    parent = list(range(len(frags)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[tuple[str, ...], int] = {}
    for i, sh in enumerate(frag_shingles):
        for g in sh:
            if g in first:
                ra, rb = find(first[g]), find(i)
                if ra != rb:
                    parent[rb] = ra
            else:
                first[g] = i
    groups: dict[int, list[Fragment]] = defaultdict(list)
    for i, f in enumerate(frags):
        groups[find(i)].append(f)
    out = [g for g in groups.values() if len({f.article_id for f in g}) >= 2]
    return out, covered
