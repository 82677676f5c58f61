"""The decision model: similarity features of an (article, candidate story) pair, and the probability
that the article belongs to the story (a logistic model fitted by :mod:`.train`).

Features: centroid cosines; entity/number/lead coverage; "gap" features (own cosine minus the best
among the other candidates); and evidence from the story's members (how many of them name the
article's entities, the story's core entities the article lacks, whether it has any, the numbers it
leads with that none of them names, the best single-member cosine); the embedding cosine with the
closest member scaled by how few words the two share (``emb_thin``: the evidence of headlines). A
time-decay prior lowers the score of stories quiet for a while.

A model holds two decisions over the same features: one for articles with a body, and one fitted on
headline-only articles (``headline`` in ``model.json``), whose features read differently (a title's
terms against a story's bodies); a headline-only article is scored by the second.
"""
from __future__ import annotations

import math
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from . import sparse
from .vectors import Core, LiveStory, VectorDoc, cos

# Every feature the engine computes for an (article, candidate story) pair; a model uses a subset
# (its "features" list), so a model fitted on fewer features keeps working.
FEATURES = ("title", "body", "ent", "ent_cov", "num_cov", "lead_cov", "story_cov", "title_gap", "body_gap",
            "ent_gap", "size", "core_ent", "core_term", "lead_novel", "mem_body", "mem_ent", "llr_ent", "llr_title",
            "miss_core", "emb", "mem_emb", "num_novel", "no_core", "emb_thin")
LEGACY_FEATURES = FEATURES[:11]
MEMBER_FEATURES = frozenset(FEATURES[11:19]) | {"num_novel", "no_core"}
EMBEDDING_FEATURES = frozenset(("emb", "mem_emb"))  # need the sentence embeddings (see .embed)
_GAP_FEATURES = frozenset(("title_gap", "body_gap", "ent_gap"))
_NO_MEMBER_FEATURES: dict[str, float] = {}
_by_p = itemgetter(1)  # ScoredCandidate.p


class Similarity(NamedTuple):
    """What is computed of one candidate before the gap features (0.0: not computed)."""

    title: float  # cosines with the story's centroids
    body: float
    ent: float
    ent_cov: float  # share of the article's entity weight the story has
    num_cov: float  # ... of its numbers
    lead_cov: float  # ... of the entities of its title and lead
    story_cov: float  # share of the story's top entity weight the article has
    emb: float  # cosine of the sentence embeddings with the story's mean
    mem_emb: float  # ... with its closest latest member
    story: LiveStory
    members: dict[str, float] | None  # member features; None: the candidate cannot join (no probability)


class ScoredCandidate(NamedTuple):
    story_id: int
    p: float  # probability that the article belongs to the story (0.0: it cannot join)
    features: dict[str, float]


class Decision(NamedTuple):
    """One logistic decision over the standardised features: its join threshold and its content floor
    (a join needs a body cosine of ``min_body``, or an embedding cosine of ``min_emb``)."""

    coef: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    intercept: float
    threshold: float
    min_body: float
    min_emb: float


def decision(p: dict, n_features: int, where: str = "the model") -> Decision:
    """The :class:`Decision` of a model's (or its ``headline`` part's) parameters; ValueError when its
    coefficients do not match the ``n_features`` features."""
    if not all(len(p[k]) == n_features for k in ("coef", "mean", "scale")):
        raise ValueError(f"{where} has {len(p['coef'])} coefficients for {n_features} features")
    return Decision(np.asarray(p["coef"], dtype=float), np.asarray(p["mean"], dtype=float),
                    np.asarray(p["scale"], dtype=float), float(p["intercept"]), float(p["threshold"]),
                    float(p["min_body"]), float(p["min_emb"]))


class _Leader(NamedTuple):
    """The best value of one feature among the candidates, for the gap features (a candidate's value
    minus the best among the others: ``runner_up`` for the leader, else ``best``)."""

    at: int  # the candidate with the best value (the first of equals; -1: fewer than two candidates)
    best: float
    runner_up: float  # the best value among the other candidates


def _leader(vals: list[float]) -> _Leader:
    if len(vals) < 2:
        return _Leader(-1, 0.0, 0.0)
    i1 = vals.index(max(vals))
    return _Leader(i1, vals[i1], max(vals[:i1] + vals[i1 + 1:]))


class Scorer:
    """Scores an article's candidate stories with the model of ``params`` (see the module docstring)."""

    def __init__(self, params: dict) -> None:
        p = self.params = params
        unknown = [k for k in p["features"] if k not in FEATURES]
        if unknown:
            raise ValueError(f"cluster model uses features {unknown} that this engine does not compute "
                             f"(it computes {list(FEATURES)})")
        self.features = tuple(p["features"])
        self.body_decision = decision(p, len(self.features))
        # the decision for headline-only articles (a model without one scores them like the others)
        self.headline_decision = decision({**p, **p["headline"]}, len(self.features), "the model's headline part") \
            if p.get("headline") else self.body_decision
        # whether stories keep the member statistics the member features need
        self.member_stats = any(k in MEMBER_FEATURES for k in self.features)
        # What a decision needs (assign without explain computes only this): the gap features need
        # every candidate's three cosines; otherwise a candidate below the content floor needs only
        # its body cosine, and member features the model does not use are skipped.
        self._need_gaps = any(k in _GAP_FEATURES for k in self.features)
        self._need_member = frozenset(k for k in self.features if k in MEMBER_FEATURES)

    def decision_for(self, d: VectorDoc) -> Decision:
        """The decision that scores ``d``: the headline one for a headline-only article."""
        return self.headline_decision if d.headline else self.body_decision

    def score(self, d: VectorDoc, cands: list[LiveStory], full: bool = True) -> list[ScoredCandidate]:
        """The candidates with probability and features, best first.

        ``full``: every feature of every candidate (for explain and fitting); else only what the
        decision needs (same probabilities, fewer entries in the feature dicts).
        """
        if not cands:
            return []
        dec = self.decision_for(d)
        sims = self._similarities(d, cands, full, dec)
        ti, t1, t2 = _leader([s.title for s in sims])
        bi, b1, b2 = _leader([s.body for s in sims])
        ei, e1, e2 = _leader([s.ent for s in sims])
        feats = []
        joinable = []  # positions of the candidates that can join (they get a probability)
        for i, s in enumerate(sims):
            f = {"title": s.title, "body": s.body, "ent": s.ent, "ent_cov": s.ent_cov, "num_cov": s.num_cov,
                 "lead_cov": s.lead_cov, "story_cov": s.story_cov, "title_gap": s.title - (t2 if i == ti else t1),
                 "body_gap": s.body - (b2 if i == bi else b1), "ent_gap": s.ent - (e2 if i == ei else e1),
                 "size": math.log1p(s.story.n), "emb": s.emb, "mem_emb": s.mem_emb,
                 "emb_thin": s.mem_emb * (1.0 - s.body), **(s.members or {})}
            f["gap_days"] = s.story.gap(d.t) / 86400.0 if d.dated else 0.0
            if s.members is not None:
                joinable.append(i)
            feats.append(f)
        probs = [0.0] * len(sims)
        if joinable:
            rows = [[feats[i][k] for k in self.features] for i in joinable]
            for i, prob in zip(joinable, self._probabilities(dec, rows, [feats[i]["gap_days"] for i in joinable]),
                               strict=True):
                probs[i] = prob
        out = [ScoredCandidate(s.story.id, prob, f) for s, prob, f in zip(sims, probs, feats, strict=True)]
        out.sort(key=_by_p, reverse=True)
        return out

    def _probabilities(self, dec: Decision, rows: list[list[float]], gap_days: list[float]) -> list[float]:
        """The logistic decision on feature rows, less the time-decay prior of the candidates' quiet days."""
        z = (np.array(rows, dtype=float) - dec.mean) / dec.scale
        coef, intercept = dec.coef, dec.intercept
        decay = self.params["time_decay_per_day"]
        return [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, float(zrow @ coef) + intercept - decay * days))))
                for zrow, days in zip(z, gap_days, strict=True)]

    def _similarities(self, d: VectorDoc, cands: list[LiveStory], full: bool, dec: Decision) -> list[Similarity]:
        """Centroid similarities of each candidate, member features of those that can join."""
        tv, bv, ev = d.tv, d.bv, d.ev
        ek, ew = ev
        ent_total = float(ew.sum()) or 1.0
        nk, nw = d.nums
        num_total = float(nw.sum())
        lk, lw = d.lead
        lead_total = float(lw.sum())
        out = []
        min_body, min_emb = dec.min_body, dec.min_emb
        all_cos = full or self._need_gaps
        member = None if full else self._need_member
        bodies = [cos(bv, s.body, s.bnorm) for s in cands]
        embs = [s.embedding_similarity(d.emb) for s in cands]
        # the content floor: enough shared words, or (where words are few: headlines) a close enough meaning
        floor = [body < min_body and emb < min_emb for body, (emb, _) in zip(bodies, embs, strict=True)]
        closeness = [body + emb for body, (emb, _) in zip(bodies, embs, strict=True)]
        for s, body, (emb, mem_emb), low, skip in zip(cands, bodies, embs, floor, self._shallow(closeness, full),
                                                      strict=True):
            if (low or skip) and not all_cos:  # cannot join: nothing else is needed
                out.append(Similarity(0.0, body, 0.0, 0.0, 0.0, 0.0, 0.0, emb, mem_emb, s, None))
                continue
            ents = s.ents
            title, ent = cos(tv, s.title, s.tnorm), cos(ev, ents, s.enorm)
            if low or skip:  # below the content floor (or far behind): skip the costly features
                out.append(Similarity(title, body, ent, 0.0, 0.0, 0.0, 0.0, emb, mem_emb, s, None))
                continue
            sk = ents[0]
            cov = sparse.shared_sum(ek, ew, sk) / ent_total
            ncov = sparse.shared_sum(nk, nw, sk) / num_total if num_total else 0.0
            lcov = sparse.shared_sum(lk, lw, sk) / lead_total if lead_total else 0.0
            top_k, top_w = s.top_ents
            stot = float(top_w.sum())
            scov = sparse.shared_sum(top_k, top_w, ek) / stot if stot else 0.0
            members = self._member_features(d, s, lead_total, member) if self.member_stats else _NO_MEMBER_FEATURES
            out.append(Similarity(title, body, ent, cov, ncov, lcov, scov, emb, mem_emb, s, members))
        return out

    def _shallow(self, bodies: list[float], full: bool) -> list[bool]:
        """Per candidate: too far behind by closeness (body cosine, plus embedding cosine where there are
        embeddings) to get the costly features (unless ``full``)."""
        deep = self.params["deep_candidates"]
        if not full and deep and len(bodies) > deep:
            # Only the closest stories by body get the costly features: a story outside the top few
            # by content is not the one an article joins (checked on ECB+: same F1), and this keeps
            # the per-article cost flat as the window fills with stories sharing common terms.
            cut = sorted(bodies, reverse=True)[deep - 1]
            return [b < cut for b in bodies]
        return [False] * len(bodies)

    def _member_features(self, d: VectorDoc, s: LiveStory, lead_total: float,
                         need: frozenset[str] | None = None) -> dict[str, float]:
        """Features from the story's members rather than its centroid.

        core_ent / core_term: share of the weight of the entities / terms that most of the story's
        articles use (the event's own names: "Rahman" in one Klitschko fight, "Thompson" in the next)
        which the article uses too. lead_novel: share of the article's lead entities that no member
        names. num_novel: share of the numbers of its title and lead (a magnitude, a toll, a record, a score)
        that no member names. mem_body / mem_ent: best cosine with one of the latest members (a story is often a
        chain of close rewrites, which a centroid blurs). ``need``: compute only these (None: all).
        """
        ek, ew = d.ev
        bk, bw = d.bv
        core_e, core_t = self._cores(s)
        ce_k, ce_w, ce_c = core_e
        tot_e = float(ce_w.sum())
        out: dict[str, float] = {}
        if need is None or "core_ent" in need:
            out["core_ent"] = sparse.shared_sum(ce_k, ce_w, ek) / tot_e if tot_e else 0.0
        if need is None or "core_term" in need:
            ct_k, ct_w, _ = core_t
            tot = float(ct_w.sum())
            out["core_term"] = sparse.shared_sum(ct_k, ct_w, bk) / tot if tot else 0.0
        edf_k, edf_c = s.edf
        if need is None or "lead_novel" in need:
            lk, lw = d.lead
            out["lead_novel"] = (lead_total - sparse.shared_sum(lk, lw, edf_k)) / lead_total if lead_total else 0.0
        # no entity most members name (members of no common name: the core features say nothing)
        out["no_core"] = 0.0 if tot_e else 1.0
        if need is None or "num_novel" in need:
            # numbers of the title and lead that no member uses: another magnitude, toll, record or score
            # (a sibling event of the same kind, which time and vocabulary cannot tell apart)
            nk, nw = d.nums
            lnk, lnw = sparse.select(nk, nw, d.lead[0])
            tot_n = float(lnw.sum())
            out["num_novel"] = (tot_n - sparse.shared_sum(lnk, lnw, edf_k)) / tot_n if tot_n else 0.0
        if need is not None and not need & {"mem_body", "mem_ent", "llr_ent", "llr_title", "miss_core"}:
            return out
        mb = me = 0.0
        dot = sparse.dot
        for vbk, vbw, vek, vew in s.mvecs:
            mb = max(mb, dot(bk, bw, vbk, vbw))
            me = max(me, dot(ek, ew, vek, vew))
        # Story "language model" evidence, which grows with the story: how many of its n members use
        # each of the article's salient entities / title terms (a name none of 10 members uses is
        # stronger evidence against than one a single-article story lacks), and the story's core
        # entities the article does not name.
        n = s.n
        denom = math.log(n + 0.7)
        llr_e = sparse.log_ratio(ek, ew, edf_k, edf_c, denom)
        llr_t = sparse.log_ratio(d.tv[0], d.tv[1], s.tdf[0], s.tdf[1], denom)
        miss = sparse.missing_core(ce_k, ce_w, ce_c, ek, n)
        out.update(mem_body=mb, mem_ent=me, llr_ent=llr_e, llr_title=llr_t, miss_core=miss)
        return out

    def _cores(self, s: LiveStory) -> tuple[Core, Core]:
        """The story's core entities and terms (used by most members), recomputed after its members changed."""
        if s.core_e is None or s.core_t is None:
            need, n = self.params["core_share"] * s.n, s.n
            s.core_e = sparse.core(s.edf[0], s.edf[1], s.ents[0], s.ents[1], need, n)
            s.core_t = sparse.core(s.tdf[0], s.tdf[1], s.body[0], s.body[1], need, n)
        return s.core_e, s.core_t


def story_similarity(a: LiveStory, b: LiveStory) -> float:
    """Mean of the body and entity centroid cosines of two stories (merge test)."""
    body = sparse.dot(*a.body, *b.body) / (a.bnorm * b.bnorm) if a.bnorm and b.bnorm else 0.0
    ents = sparse.dot(*a.ents, *b.ents) / (a.enorm * b.enorm) if a.enorm and b.enorm else 0.0
    return 0.5 * (body + ents)
