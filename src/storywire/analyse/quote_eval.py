"""Quote attribution measured on annotated cases: is each quote found, and credited to the right speaker?

A case file is JSONL, one case a line: ``{"doc": {...}, "quote": "words of the quote", "speaker": "Name"}``.
The doc is ``{"text": ...}``, ``{"article": ID}`` (an article of the store) or ``{"file": PATH}`` (a saved
page ``.html``/``.html.gz``, a page dump ``.txt``, or a JSONL document set with ``"line"`` (1-based) or
``"id"``); a relative path is read from the case file's folder. The doc may also be given as a text
(``"doc": "..."``), an article id (``"doc": 12``), or the case's own ``"text"``, ``"article_id"`` or ``"file"``.
``speaker`` null: the page names nobody.

A case is *found* when a quote of the doc's quote ledger holds the annotated words (the tightest such quote
counts: a quote's own entry, not that of a quote carrying it); its speaker is *right* when the ledger's speaker
names the annotated one (the same surname, or the same phrase).
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..errors import InputError
from .first_names import first_name_gender
from .quotes import Quote, extract_quotes, merge_quotes
from .speakers import HONORIFICS, ROLE_WORDS
from .text import contains_run, norm_tokens

_ARTICLES = frozenset({"a", "an", "the"})
_NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr)\.?$|\s+(?:II|III|IV)$")  # "Jesse Jackson Jr.", "George T. Conway III"
_TAIL_WORDS = frozenset({"of", "from", "with", "close", "to", "for", "who"})
Outcome = Literal["right", "wrong", "unattributed", "missed", "wrongly attributed", "rightly unattributed"]


@dataclass(frozen=True)
class QuoteCase:
    where: str  # "file:line" of the case
    doc_key: str  # one key per document: cases of one doc share it
    doc: dict
    quote: str
    speaker: str | None


@dataclass(frozen=True)
class CaseResult:
    case: QuoteCase
    outcome: Outcome
    found_speaker: str | None
    via: str = ""  # the path that credited the quote ("said_after/name", "joined", ...), "" when none did


def read_cases(path: Path) -> list[QuoteCase]:
    """The cases of a JSONL file; a bad line raises InputError("file:line: why")."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the case file ({e.__class__.__name__})") from None
    cases = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            cases.append(_case(f"{path}:{n}", line, path.parent))
    if not cases:
        raise InputError(f"{path}: no cases")
    return cases


def _case(where: str, line: str, base: Path) -> QuoteCase:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not JSON ({e.msg})") from None
    doc = _doc_of(rec) if isinstance(rec, dict) else None
    if doc is None:
        raise InputError(f"{where}: a case is {{\"doc\": {{...}}, \"quote\": ..., \"speaker\": ...}}")
    quote, speaker = rec.get("quote"), rec.get("speaker", "")
    if not isinstance(quote, str) or len(norm_tokens(quote)) < 2:
        raise InputError(f"{where}: 'quote' must be a string of two words or more")
    if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
        raise InputError(f"{where}: 'speaker' must be a name, or null when the page names nobody")
    kinds = [k for k in ("text", "article", "file") if k in doc]
    if len(kinds) != 1:
        raise InputError(f"{where}: the doc needs exactly one of 'text', 'article', 'file'")
    if "text" in doc and not isinstance(doc["text"], str):
        raise InputError(f"{where}: doc 'text' must be a string")
    if "article" in doc and (not isinstance(doc["article"], int) or isinstance(doc["article"], bool)):
        raise InputError(f"{where}: doc 'article' must be an article id (a number)")
    if "file" in doc:
        if not isinstance(doc["file"], str):
            raise InputError(f"{where}: doc 'file' must be a path")
        doc["file"] = str((base / doc["file"]).resolve())
    key = json.dumps(doc, sort_keys=True) if "text" not in doc else f"text:{hash(doc['text'])}"
    return QuoteCase(where, key, doc, quote, speaker)


_DOC_KEYS = {"text": "text", "doc_text": "text", "document": "text", "article": "article", "article_id": "article",
             "file": "file", "path": "file"}


def _doc_of(rec: dict) -> dict | None:
    """A case's doc: ``"doc"`` as an object, or given as a text (``"doc": "..."``) or an article id
    (``"doc": 12``), or one of the case's own keys (``"text"``, ``"article_id"``, ``"file"``...); None if none."""
    doc = rec.get("doc")
    if isinstance(doc, dict):
        return dict(doc)
    if isinstance(doc, str):
        return {"text": doc}
    if isinstance(doc, int) and not isinstance(doc, bool):
        return {"article": doc}
    given = {_DOC_KEYS[k]: v for k, v in rec.items() if k in _DOC_KEYS}
    if isinstance(given.get("article"), str) and given["article"].strip().isdigit():
        given["article"] = int(given["article"])
    return given or None


def doc_text(case: QuoteCase, article_text: Callable[[int], str], favor: str | None = None) -> str:
    """The text of a case's document: given, read from the store, or extracted from a file as ingest extracts
    it (``favor``: the extract_favor setting, its default when None)."""
    doc = case.doc
    if "text" in doc:
        return doc["text"]
    if "article" in doc:
        return article_text(doc["article"])
    path = Path(doc["file"])
    try:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise InputError(f"{case.where}: cannot read {path} ({e.__class__.__name__})") from None
    name = path.name.removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return _jsonl_doc(case, data)
    from ..extract import extract_item
    from ..ingest.files import decode
    from ..models import RawItem

    try:
        raw = decode(data)
        if name.endswith((".html", ".htm")):
            item = RawItem(origin=str(path), kind="html", html=raw)
        else:
            item = RawItem(origin=str(path), kind="dump", text=raw)
        return extract_item(item, favor or Settings().extract_favor).text
    except (ValueError, InputError) as e:
        raise InputError(f"{case.where}: {path}: {e}") from None


def _jsonl_doc(case: QuoteCase, data: bytes) -> str:
    """The document of a JSONL set picked by ``line`` or ``id``: its title (a first sentence) and text."""
    lines = data.decode("utf-8", "replace").splitlines()
    line, wanted = case.doc.get("line"), case.doc.get("id")
    try:
        if isinstance(line, int) and not isinstance(line, bool):
            rec = json.loads(lines[line - 1]) if 1 <= line <= len(lines) else None
        elif wanted is not None:
            rec = next((r for r in map(json.loads, filter(None, lines)) if r.get("id") == wanted), None)
        else:
            raise InputError(f"{case.where}: a JSONL doc needs 'line' or 'id'")
    except json.JSONDecodeError:
        raise InputError(f"{case.where}: {case.doc['file']} is not JSONL") from None
    if not isinstance(rec, dict):
        raise InputError(f"{case.where}: no such document in {case.doc['file']}")
    return "\n\n".join(p for p in (str(rec.get("title") or ""), str(rec.get("text") or "")) if p.strip())


def _name_tokens(phrase: str) -> tuple[list[str], bool]:
    """The tokens of a speaker phrase up to its first comma or preposition, without articles, and whether
    a tail ("of the Nature Conservancy", "close to Mr. Macron") was cut off."""
    toks = [t for t in norm_tokens(phrase.split(",")[0]) if t not in _ARTICLES]
    cut = next((i for i, t in enumerate(toks) if t in _TAIL_WORDS and i > 0), len(toks))
    return toks[:cut], cut < len(toks)


def same_speaker(gold: str, found: str | None) -> bool:
    """Whether the speaker the ledger gives names the annotated one: the same phrase, or a part of it ending the
    same way ("Putin" or "Russian President Vladimir Putin" for "Vladimir Putin", "the source" for "a source with
    direct knowledge", "NOAA" for "The National Oceanic and Atmospheric Administration"; not "Texas senator John
    Cornyn on Thursday", nor "President Biden" for "Hunter Biden"); the name ending a title with its own "of"
    ("John Kerry" for "Secretary of State John Kerry"; not "Texas" for "the governor of Texas", nor "Gavin Newsom"
    for "an aide in the office of Governor Gavin Newsom"); a lone given name
    or one-word name is the full name it opens ("RuPaul" for "RuPaul Andre Charles", the name the page gives him in
    full); a generational suffix aside ("Jackson" for "Jesse Jackson Jr."); each of two speakers named ("Mr. Udall
    and Mr. Wyden" for "Mark Udall and Ron Wyden"). Judged on the speaker alone: the phrase as written, with the
    role, is no answer ("Gavin Newsom" with the role "An aide in the office of Governor" is not the aide)."""
    if not found:
        return False
    suffixes = {m.group().strip(", .") for m in (_NAME_SUFFIX.search(gold.strip()), _NAME_SUFFIX.search(found.strip()))
                if m}
    if len(suffixes) > 1:
        return False  # father and son: "Jesse Jackson Sr." is not "Jesse Jackson Jr."
    gold, found = _NAME_SUFFIX.sub("", gold.strip()), _NAME_SUFFIX.sub("", found.strip())
    golds, founds = gold.split(" and "), found.split(" and ")
    if len(golds) == len(founds) == 2 and any(all(same_speaker(g, f) for g, f in zip(golds, order, strict=True))
                                              for order in (founds, founds[::-1])):
        return True  # two speakers, each named: "Mr. Udall and Mr. Wyden" for "Mark Udall and Ron Wyden"
    if _acronym_of(gold, found) or _acronym_of(found, gold):
        return True
    if " " not in gold.strip() and gold[:1].isupper() and norm_tokens(found)[:1] == norm_tokens(gold):
        return True
    whole, name = norm_tokens(gold), norm_tokens(found)
    title = whole[:len(whole) - len(name)]
    if name and title and whole[len(title):] == name and title[-1] != "of" and \
            not set(title) & (_TAIL_WORDS | _ARTICLES) - {"of"}:
        return True  # the name ending a title ("Secretary of State"), not a description ("an aide in the office of")
    if _names_more_fully(gold, found):
        return True
    want, want_tail = _name_tokens(gold)
    got, got_tail = _name_tokens(found)
    if not got or not want:
        return False
    if want_tail and got_tail:
        return name == whole
    return got[-1] == want[-1] and (set(got) <= set(want) or set(want) <= set(got))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A phrase describing someone by whom they work for or where they are: "an aide in the office of Governor X"
_DESCRIBED = re.compile(r"(?:(?:a|an|the)\s+)?[a-z]")
_DESCRIBED_BY = re.compile(r"\s(?:of|in|at|for|from|with|to|close|near|who)\s")


def _name_part(phrase: str) -> list[str]:
    """The name ending a speaker phrase, lower-cased: its last capitalised words up to a title, without a
    generational suffix ("Texas Sen. Ted Cruz": ted, cruz; "Charles Elliott III": charles, elliott)."""
    out: list[str] = []
    for word in reversed(phrase.replace("\u00a0", " ").split()):
        token = word.strip(".,'\u2019").casefold()
        if not out and token in _SUFFIXES:
            continue
        if not word[:1].isupper() or token in ROLE_WORDS or token in HONORIFICS:
            break
        out.append(token)
    return out[::-1]


def _names_more_fully(gold: str, found: str) -> bool:
    """Whether the speaker found names the annotated one with given names added, titles aside ("Bill Clinton" for
    "President Clinton", "Calvin Williams" for "Chief Williams"; not "Despite Ted Cruz" for "Texas Sen. Ted Cruz",
    nor anyone for a description: "an aide in the office of Governor Gavin Newsom")."""
    if _DESCRIBED.match(gold) and _DESCRIBED_BY.search(gold):
        return False
    want, got = _name_part(gold), _name_part(found)
    added = set(got) - set(want)
    return bool(want) and got[-1:] == want[-1:] and set(want) <= set(got) and \
        all(first_name_gender(w.capitalize()) != "?" for w in added)


def _acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is an acronym spelled by the capitalised words of ``name`` ("NOAA", "the NRA": "The National
    Oceanic and Atmospheric Administration", "the National Rifle Association")."""
    short = re.sub(r"^the\s+", "", short.strip(), flags=re.IGNORECASE)
    initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")
    return short.isupper() and len(short) >= 2 and short == initials


def score_case(case: QuoteCase, ledger: list[dict], quotes: Sequence[Quote] = ()) -> CaseResult:
    """The outcome of one case against the quote ledger of its document (and the path that credited it, from the
    document's ``quotes``)."""
    want = norm_tokens(case.quote)  # the tightest quote holding the words: a quote's own, not one quoting it
    hit = min((q for q in ledger if contains_run(norm_tokens(q["text"]), want)), key=lambda q: len(q["text"]),
              default=None)
    if hit is None:
        return CaseResult(case, "missed", None)
    via = _via(want, quotes) if hit["speaker"] else ""
    spk = hit["speaker"]
    if case.speaker is None:
        return CaseResult(case, "wrongly attributed" if spk else "rightly unattributed", spk, via)
    if not spk:
        return CaseResult(case, "unattributed", None)
    right = same_speaker(case.speaker, spk)
    return CaseResult(case, "right" if right else "wrong", hit.get("speaker_full") or spk, via)


def _via(want: list[str], quotes: Sequence[Quote]) -> str:
    """The path of the quote holding ``want``: its own, or "joined" when the words are in a part joined to it."""
    for q in sorted(quotes, key=lambda q: len(q.tokens)):
        if not q.speaker or not contains_run(q.tokens, want):
            continue
        first = norm_tokens(q.text[:q.joined_at[0]]) if q.joined_at else q.tokens
        return q.via if contains_run(first, want) else "joined"
    return "?"


def evaluate(cases: list[QuoteCase], article_text: Callable[[int], str], favor: str | None = None
             ) -> list[CaseResult]:
    """Every case scored against the quote ledger of its document (each document analysed once; a page
    extracted with ``favor``, see :func:`doc_text`)."""
    ledgers: dict[str, tuple[list[dict], list[Quote]]] = {}
    results = []
    for case in cases:
        if case.doc_key not in ledgers:
            text = doc_text(case, article_text, favor)
            quotes = extract_quotes(1, text)
            ledgers[case.doc_key] = merge_quotes({1: list(quotes)}, [1], {1: ""}), quotes
        results.append(score_case(case, *ledgers[case.doc_key]))
    return results


def by_path(results: list[CaseResult]) -> list[tuple[str, int, int, int]]:
    """(path, right, wrong, wrongly attributed) of the credited cases, per path that credited them."""
    counts: dict[str, list[int]] = {}
    for r in results:
        if r.outcome in ("right", "wrong", "wrongly attributed"):
            counts.setdefault(r.via, [0, 0, 0])[("right", "wrong", "wrongly attributed").index(r.outcome)] += 1
    rows = [(path, right, wrong, credited) for path, (right, wrong, credited) in counts.items()]
    return sorted(rows, key=lambda t: (-(t[1] + t[2] + t[3]), t[0]))


def summary(results: list[CaseResult]) -> dict:
    """Counts and shares: found, right, wrong, unattributed (named cases); wrongly attributed (unnamed ones)."""
    named = [r for r in results if r.case.speaker is not None]
    unnamed = [r for r in results if r.case.speaker is None]

    def count(rs: list[CaseResult], *outcomes: str) -> int:
        return sum(r.outcome in outcomes for r in rs)

    found = len(results) - count(results, "missed")
    right = count(named, "right")
    return {
        "cases": len(results), "documents": len({r.case.doc_key for r in results}),
        "found": found, "named": len(named), "right": right, "wrong": count(named, "wrong"),
        "unattributed": count(named, "unattributed"), "missed": count(results, "missed"),
        "unnamed": len(unnamed), "wrongly_attributed": count(unnamed, "wrongly attributed"),
        "right_share": round(right / len(named), 3) if named else None,
        "found_right_share": round((right + count(unnamed, "rightly unattributed")) / len(results), 3),
    }
