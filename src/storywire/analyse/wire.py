"""Wire services and partners: credit lines, datelines, "told Reuters", and the likely origin of passages.

Photo credits ("Sputnik Photo Agency/Reuters", "(c) Ludovic Marin, AP", "REUTERS/Evelyn Hockstein")
say who took a picture, not who wrote the text, so they never count.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter

# Canonical name -> surface forms (regex, matched case-sensitively unless marked (?i)).
AGENCIES: dict[str, str] = {
    "Reuters": r"(?i:reuters)",
    "AP": r"AP|The Associated Press|Associated Press|ASSOCIATED PRESS",
    "AFP": r"AFP|Agence France[- ]Presse|AGENCE FRANCE[- ]PRESSE",
    "Bloomberg": r"Bloomberg|BLOOMBERG",
    "dpa": r"dpa|DPA|Deutsche Presse-Agentur",
    "The Canadian Press": r"The Canadian Press|Canadian Press|THE CANADIAN PRESS",
    "PA Media": r"PA Media|Press Association|PA",
    "ANSA": r"ANSA",
    "EFE": r"EFE",
    "Kyodo": r"Kyodo(?: News)?",
    "Xinhua": r"Xinhua|XINHUA",
    "TASS": r"TASS|Tass",
    "Interfax": r"Interfax",
    "Yonhap": r"Yonhap",
    "PTI": r"PTI|Press Trust of India",
    "ANI": r"ANI",
    "IANS": r"IANS",
    "UPI": r"UPI|United Press International",
    "AAP": r"AAP|Australian Associated Press",
    "Anadolu": r"Anadolu(?: Agency)?",
    "Europa Press": r"Europa Press",
    "Jiji": r"Jiji(?: Press)?",
    "Lusa": r"Lusa|LUSA",
    "Belga": r"Belga|BELGA",
}
_ANY_AGENCY = "|".join(f"(?:{v})" for v in AGENCIES.values())
_AGENCY_RES = [(name, re.compile(rf"^(?:{pat})$")) for name, pat in AGENCIES.items()]
_ANY_AGENCY_NAME = re.compile(_ANY_AGENCY)

# A credit mark ("(c) Ludovic Marin, AP", "Photo: Getty Images", "Sputnik Photo Agency/Reuters") makes a short
# paragraph a caption; the words alone ("photo", "picture") only a very short one: body paragraphs mention
# photographs and the Academy of Motion Picture Arts and Sciences.
_PHOTO_MARK = re.compile(
    rf"\u00a9|\(c\)\s|\bphoto(?:graph)?\s*(?::|by\b)|\(\s*photo|getty images|\bpool\b via"
    rf"|/\s*(?:{_ANY_AGENCY})\b|\b(?:{_ANY_AGENCY})\s*/|\bphoto agency\b",
    re.IGNORECASE,
)
_PHOTO_WORD = re.compile(r"\bphoto(?:graph)?s?\b|\bpictured?\b", re.IGNORECASE)
CAPTION_MAX_CHARS = 400  # a caption with a credit mark: a sentence or two
CAPTION_WORD_MAX_CHARS = 160  # a caption known only by the word "photo" or "picture"
# "(FRANCE 24 with REUTERS)", "(AFP)", "(with AFP and Reuters)", "(Reuters)".
_CREDIT_LINE = re.compile(r"^\(\s*(?:(?P<pub>[^()]{1,40}?)\s+with\s+|with\s+)?(?P<names>[^()]{1,80})\s*\)\.?$",
                          re.IGNORECASE)
# "INDIANAPOLIS (AP) —", "ISLAMABAD, March 4 (Reuters) -": a place (and a date) and the agency filing the story
DATELINE = re.compile(rf"^[A-Z][A-Za-z0-9 .,'-]{{1,60}}?\s*\(\s*(?P<name>{_ANY_AGENCY})\s*\)\s*[-\u2013\u2014:]")
_TOLD = re.compile(
    rf"\b(?:told|telling|tells|said to|speaking to|in an interview with)\s+(?P<name>{_ANY_AGENCY})\b")
_REPORTED = re.compile(
    rf"\b(?:according to|reported by|(?:first )?reported by|obtained by|seen by|reviewed by)"
    rf"\s+(?P<name>{_ANY_AGENCY})\b"
    rf"|\b(?P<name2>{_ANY_AGENCY})\s+(?:reported|has reported|was first to report|contributed)\b"
)
_FILES_FROM = re.compile(
    r"^(?:with files from|additional reporting by|reporting by|written by|compiled by|source:|copyright)"
    r"\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_REUTERS_TRAILER = re.compile(r"^\(?(?:reporting by|additional reporting by|writing by)\b.*;\s*editing by\b",
                              re.IGNORECASE)
_SIGNOFF = re.compile(rf"^[-\u2013\u2014]\s*(?P<name>{_ANY_AGENCY})\s*$")


@dataclass(frozen=True)
class Credit:
    agency: str
    kind: str  # "credit-line", "dateline", "told", "cited", "trailer", "self"
    evidence: str


def canonical_agency(name: str) -> str | None:
    name = name.strip().strip(".,;:")
    if _ANY_AGENCY_NAME.fullmatch(name) is None:
        return None  # (one test for all before finding which)
    for canon, rx in _AGENCY_RES:
        if rx.match(name):
            return canon
    return None


def is_photo_credit(paragraph: str) -> bool:
    """A caption or photo credit line (its agency names say nothing about the text); never a body paragraph
    that only mentions a photograph."""
    p = paragraph.strip()
    if len(p) <= CAPTION_WORD_MAX_CHARS and _PHOTO_WORD.search(p):
        return True
    return len(p) <= CAPTION_MAX_CHARS and bool(_PHOTO_MARK.search(p))


def is_credit_line(paragraph: str) -> bool:
    """A line that only credits sources ("(FRANCE 24 with REUTERS)", "With files from Reuters")."""
    p = paragraph.strip()
    if len(p) > 120:
        return False
    m = _CREDIT_LINE.match(p)
    if m and any(canonical_agency(n) for n in _names(m.group("names"))):
        return True
    if _FILES_FROM.match(p) or _REUTERS_TRAILER.match(p) or _SIGNOFF.match(p):
        return True
    return False


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",|\band\b|&|/|\bwith\b", text, flags=re.IGNORECASE) if n.strip()]


def detect_credits(text: str, source: str = "") -> list[Credit]:
    """Credits to wire services and partners found in one article's text, strongest first."""
    credits: list[Credit] = []
    own = canonical_agency(source or "")
    if own:
        credits.append(Credit(own, "self", source))
    for raw in (text or "").splitlines():
        line = raw.strip()
        # A caption can still hold text quoting an agency, but the risk of counting a photo credit
        # is worse than missing that: skip the whole line.
        if line and not is_photo_credit(line):
            credits += _line_credits(line)
    # Strongest first, one entry per (agency, kind, evidence).
    order = {"self": 0, "credit-line": 1, "dateline": 1, "trailer": 1, "told": 2, "cited": 3}
    seen, out = set(), []
    for c in sorted(credits, key=lambda c: order.get(c.kind, 9)):
        if (c.agency, c.kind, c.evidence) not in seen:
            seen.add((c.agency, c.kind, c.evidence))
            out.append(c)
    return out


def _line_credits(line: str) -> list[Credit]:
    """Credits in one line of text: a whole-line credit (trailer, credit line, sign-off), else datelines
    and mentions ("told Reuters", "according to AFP")."""
    if _REUTERS_TRAILER.match(line):
        return [Credit("Reuters", "trailer", line)]
    credits: list[Credit] = []
    m = _CREDIT_LINE.match(line)
    if m and len(line) <= 120:
        for n in _names(m.group("names")):
            canon = canonical_agency(n)
            if canon:
                credits.append(Credit(canon, "credit-line", line))
            elif m.group("pub") and len(n) <= 40:
                credits.append(Credit(n.strip(), "credit-line", line))
        return credits
    m = _FILES_FROM.match(line)
    if m and len(line) <= 200:
        return [Credit(canon, "credit-line", line) for canon in map(canonical_agency, _names(m.group("rest"))) if canon]
    m = _SIGNOFF.match(line)
    if m:
        return [Credit(canonical_agency(m.group("name")) or m.group("name"), "credit-line", line)]
    m = DATELINE.match(line)
    if m:
        credits.append(Credit(canonical_agency(m.group("name")) or m.group("name"), "dateline", m.group()))
    for m in _TOLD.finditer(line):
        credits.append(Credit(canonical_agency(m.group("name")) or m.group("name"), "told", _context(line, m)))
    for m in _REPORTED.finditer(line):
        name = m.group("name") or m.group("name2")
        credits.append(Credit(canonical_agency(name) or name, "cited", _context(line, m)))
    return credits


def _context(line: str, m: re.Match, width: int = 40) -> str:
    s = max(0, m.start() - width)
    e = min(len(line), m.end() + 10)
    return ("\u2026" if s else "") + line[s:e].strip() + ("\u2026" if e < len(line) else "")


_WEIGHT = {"self": 3.0, "credit-line": 2.0, "dateline": 2.0, "trailer": 2.0, "told": 1.0, "cited": 0.5}


def article_origin(credits: list[Credit]) -> str | None:
    """The agency most strongly credited by one article (None when nothing is credited)."""
    score: dict[str, float] = defaultdict(float)
    for c in credits:
        score[c.agency] += _WEIGHT.get(c.kind, 0.5)
    if not score:
        return None
    best, s = max(score.items(), key=itemgetter(1))  # the first of equals, like Counter.most_common
    return best if s >= 1.0 else None


def passage_origin(article_ids: list[int], credits: dict[int, list[Credit]], text: str = "") -> str | None:
    """Likely origin of a passage carried by ``article_ids``: the agency most of its carriers credit.

    A passage whose own text says "told Reuters" counts for Reuters; an agency credited only by
    mentions ("according to AFP") is not enough on its own.
    """
    score: dict[str, float] = defaultdict(float)
    for aid in set(article_ids):
        strongest: dict[str, float] = {}  # agency -> this carrier's strongest credit
        for c in credits.get(aid, ()):
            strongest[c.agency] = max(strongest.get(c.agency, 0.0), _WEIGHT.get(c.kind, 0.5))
        for agency, w in strongest.items():
            score[agency] += w
    for m in _TOLD.finditer(text or ""):
        canon = canonical_agency(m.group("name"))
        if canon:
            score[canon] += 1.0
    if not score:
        return None
    best, s = max(score.items(), key=itemgetter(1))
    carriers = len(set(article_ids)) or 1
    return best if s >= max(1.0, 0.5 * carriers) else None


def origins_table(credits: dict[int, list[Credit]], sources: dict[int, str]) -> list[dict]:
    """For the story object: each credited agency, the articles crediting it and how."""
    by_agency: dict[str, list[dict]] = defaultdict(list)
    for aid, cs in credits.items():
        seen = set()
        for c in cs:
            if (c.agency, aid) in seen:
                continue
            seen.add((c.agency, aid))
            by_agency[c.agency].append({"article_id": aid, "source": sources.get(aid, ""), "kind": c.kind,
                                        "evidence": c.evidence})
    out = []
    for agency, rows in by_agency.items():
        out.append({
            "name": agency,
            "article_ids": sorted({r["article_id"] for r in rows}),
            "credits": sorted(rows, key=lambda r: r["article_id"]),
        })
    out.sort(key=lambda o: (-len(o["article_ids"]), o["name"]))
    return out
