"""What the analysis of a story needs of one article, computed from its text alone, once.

Sentences (spans), the credit paragraphs left out, the entity mentions of each sentence (spaCy NER, the
costly part, run only on the sentences that bring new names: ``entities.article_mentions``) and the quote
candidates: a pure function of the article's text (and of the entity finder), so the pipeline computes it
in worker processes once per article and stores it; a story analysis then combines the stored parts, and a
story that gains an article computes the parts of that article only. Parts computed from another text (a
revision) or by another finder are computed again.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .entities import Mentions, article_mentions
from .quotes import Quote, extract_quotes
from .sentences import paragraphs, sentence_spans
from .wire import is_credit_line, is_photo_credit

PARTS_VERSION = 1
# stored quotes are rebuilt as Quote objects: parts stored with other Quote fields are computed again
_QUOTE_FIELDS = ",".join(f.name for f in fields(Quote))
# parts stored by other code (a new attribution rule, another sentence splitter) are computed again too
_CODE = hashlib.sha1(b"".join(
    (Path(__file__).parent / name).read_bytes()
    for name in ("parts.py", "quotes.py", "quote_marks.py", "speakers.py", "speech_parse.py", "sentences.py",
                 "entities.py", "wire.py", "text.py")
)).hexdigest()[:12]


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def method_of(finder: str) -> str:
    """The key of how parts are computed: this module's version, a digest of the code that computes them,
    the entity finder, the quote fields."""
    return f"{PARTS_VERSION}|{_CODE}|{finder}|{_QUOTE_FIELDS}"


def _without_finder(method: str) -> str:
    version, code, _finder, quote_fields = method.split("|", 3)
    return f"{version}|{code}|{quote_fields}"


@dataclass(frozen=True)
class ArticleParts:
    """The per-article parts of a story analysis (see the module docstring)."""

    article_id: int
    digest: str  # of the text they were computed from
    method: str  # :func:`method_of` the entity finder that found the mentions
    sentences: tuple[tuple[int, int, int], ...]  # (paragraph, start, end) of each sentence
    skip_paras: frozenset[int]  # paragraphs that are photo credits or credit lines
    mentions: tuple[Mentions, ...]  # entity mentions of each sentence (none for those left out)
    quotes: tuple[dict, ...]  # the article's quote candidates (Quote fields)

    def usable_for(self, text: str, method: str, any_finder: bool = False) -> bool:
        """Computed from ``text`` the way ``method`` says (with ``any_finder``: by whichever entity finder)."""
        if any_finder:
            return _without_finder(self.method) == _without_finder(method) and self.digest == text_digest(text)
        return self.method == method and self.digest == text_digest(text)

    def quote_objects(self) -> list[Quote]:
        return [Quote(**q) for q in self.quotes]

    def to_json(self) -> dict:
        return {"sentences": self.sentences, "skip_paras": sorted(self.skip_paras), "mentions": self.mentions,
                "quotes": self.quotes}

    @classmethod
    def from_json(cls, article_id: int, digest: str, method: str, data: dict) -> ArticleParts:
        return cls(article_id, digest, method, tuple(tuple(s) for s in data["sentences"]),
                   frozenset(data["skip_paras"]), tuple(tuple(tuple(m) for m in ms) for ms in data["mentions"]),
                   tuple(data["quotes"]))


def credit_paragraphs(text: str) -> frozenset[int]:
    """Indexes of the paragraphs that are photo credits or credit lines (left out of the analysis)."""
    return frozenset(i for i, (s, e) in enumerate(paragraphs(text))
                     if is_photo_credit(text[s:e]) or is_credit_line(text[s:e]))


def article_parts(article_id: int, text: str, nlp, finder: str) -> ArticleParts:
    """The parts of one article's text. ``nlp``: a loaded spaCy pipeline, or False for the heuristic entity
    finder; ``finder``: its :func:`entities.finder_name`."""
    spans = tuple(sentence_spans(text))
    skip = credit_paragraphs(text)
    kept = [i for i, (p, _, _) in enumerate(spans) if p not in skip]
    found = article_mentions([text[spans[i][1]:spans[i][2]] for i in kept], nlp)
    by_sentence: list[Mentions] = [()] * len(spans)
    for i, m in zip(kept, found, strict=True):
        by_sentence[i] = m
    quotes = tuple(asdict(q) for q in extract_quotes(article_id, text, skip))
    return ArticleParts(article_id, text_digest(text), method_of(finder), spans, skip, tuple(by_sentence), quotes)
