"""Quote attribution measured on PolNeAR (networkdynamics/PolNeAR, an annotated corpus of US political news).

Usage: python tools/polnear_quotes.py PART_DIR OUT.jsonl [--score]
PART_DIR is one part of a PolNeAR checkout (``data/train``, ``data/dev``): its ``text/NAME.txt`` articles and
``attributions/NAME_ANNOTATOR.ann`` brat annotations (the first annotator's, when several annotated an article).
Every quoted span of two words or more becomes a case of ``storywire eval quotes``: its speaker is the Source of the
attribution whose Content holds it (PolNeAR gives one attribution to each word, so a quote inside a paraphrase is
the paraphrase's source, and one nested in an outlet's report is the outlet's), or null when no attribution holds
it (PolNeAR misses about 6% of attributions, so these are no reliable test of "names nobody"). Each case also
holds ``kind``: "named" (the source has a capitalised word past its first), "described" ("the senator") or
"pronoun" ("he": the scorer cannot tell whom it stands for), and "null". The source is trimmed to a name where it
gives one (party labels "(D-Md.)", appositions, "According to").

``--score`` prints, per kind and for quotes of five words or more, how many cases the quote ledger finds and
credits rightly or wrongly. PolNeAR is used for measurement only: nothing of it is copied into this repository.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from quote_sets import PageCount, interval_column

from storywire.analyse.quote_eval import evaluate, read_cases
from storywire.analyse.text import norm_tokens

_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "his", "her", "their", "him", "them", "who",
                       "which", "that"})
_QUOTE = re.compile(r"\u201c([^\u201d\u201c]{1,2000})\u201d|\"([^\"\n]{1,2000})\"")
_PARTY = re.compile(r"\s*\((?:[RDI](?:-[A-Z][A-Za-z.\s]{0,12})?|[A-Z][a-z]{1,5}\.?)\)|\s*\([RDI]-[A-Z][A-Za-z.]{0,8}$|"
                    r",\s*[RDI]-[A-Z][A-Za-z.]{0,8}(?=,|$)")


def _spans(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))]


def read_ann(text: str) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]] | None]]:
    """(content spans, source spans or None) of each attribution of a brat annotation. An event may name a span
    defined after it; an event naming a span the file lacks is left out."""
    ents: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, spec = cols[1].split(" ", 1)
            ents[cols[0]] = _spans(spec)
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    return [(ents[args["Content"]], ents[args["Source"]] if "Source" in args else None) for args in events
            if args.get("Content") in ents and args.get("Source", args["Content"]) in ents]


def kind_of(source: str) -> str:
    words = source.split()
    if all(w.lower().strip(",.'\u2019s") in _PRONOUNS for w in words):
        return "pronoun"
    named = any(w[:1].isupper() and (i > 0 or w.lower() not in ("the", "a", "an")) for i, w in enumerate(words))
    return "named" if named else "described"


def _name_like(segment: str) -> bool:
    words = segment.split()
    return 1 <= len(words) <= 6 and all(w[:1].isupper() or w in ("de", "van", "von", "al") for w in words) and \
        not re.search(r"['\u2019]s\b", segment)


def speaker_name(source: str) -> str:
    """The name a PolNeAR source gives ("Sen. Amy Klobuchar (D-Minn.), who sponsored the act": "Sen. Amy
    Klobuchar"; "her senior policy adviser, Jake Sullivan,": "Jake Sullivan"), else the source trimmed."""
    source = re.sub(r"^(?:according to|as)\s+", "", source.strip(), flags=re.IGNORECASE)
    source = _PARTY.sub("", source).strip(" ,.")
    segments = [seg.strip() for seg in source.split(",") if seg.strip()]
    if len(segments) > 1:
        source = next((seg for seg in segments if _name_like(seg)), segments[0])
    source = re.split(r"\s+who\b", source)[0]
    return re.sub(r"['\u2019]s$", "", source.strip(" ,."))


def cases_of(part: Path) -> list[dict]:
    """The cases of every article of one PolNeAR part, in file order."""
    anns: dict[str, Path] = {}
    for ann in sorted((part / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for name, ann in sorted(anns.items()):
        text = (part / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = read_ann(ann.read_text(encoding="utf-8"))
        for m in _QUOTE.finditer(text):
            words = (m.group(1) or m.group(2)).strip()
            if len(norm_tokens(words)) < 2:
                continue
            start, end = m.span()
            holders = [src for content, src in attributions if any(a <= start + 1 and end - 1 <= b for a, b in content)]
            if holders and holders[0] is None:
                continue  # an attribution with no source: no one to check a speaker against
            source = " ".join(text[a:b] for a, b in holders[0]) if holders and holders[0] else None
            kind = kind_of(source) if source else "null"
            out.append({"doc": {"text": text}, "quote": words, "speaker": speaker_name(source) if source else None,
                        "kind": kind, "source": source, "article": name})
    return out


def score(path: Path, cases: list[dict]) -> dict[str, dict[str, Counter]]:
    """Outcome counts per kind ("named", "named 5+" for quotes of five words or more, ...) and article."""
    results = evaluate(read_cases(path), lambda _: "")
    counts: dict[str, dict[str, Counter]] = {}
    for case, result in zip(cases, results, strict=True):
        kinds = [case["kind"]] + ([case["kind"] + " 5+"] if len(case["quote"].split()) >= 5 else [])
        for kind in kinds:
            counts.setdefault(kind, {}).setdefault(case["article"], Counter())[result.outcome] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", type=Path, help="a PolNeAR part: a folder with text/ and attributions/")
    ap.add_argument("out", type=Path, help="the JSONL of cases to write")
    ap.add_argument("--score", action="store_true", help="score the quote ledger on the cases written")
    args = ap.parse_args(argv)
    if not (args.part / "text").is_dir() or not (args.part / "attributions").is_dir():
        print(f"{args.part}: not a PolNeAR part (no text/ and attributions/ folders)", file=sys.stderr)
        return 2
    cases = cases_of(args.part)
    args.out.write_text("".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8")
    print(f"{len(cases)} cases from {len({c['article'] for c in cases})} articles -> {args.out}")
    if args.score:
        for kind, articles in sorted(score(args.out, cases).items()):
            c = sum(articles.values(), Counter())
            if kind.startswith("pronoun"):  # "he": whom it stands for is not annotated
                print(f"{kind:14} cases {sum(c.values()):5}  credited to someone {c['right'] + c['wrong']:5}")
                continue
            named = c["right"] + c["wrong"] + c["unattributed"] + c["missed"]
            share = f"{c['right'] / named:.1%}" if named else "-"
            print(f"{kind:14} cases {sum(c.values()):5}  right {c['right']:5} ({share})  wrong {c['wrong']:4}  "
                  f"unattributed {c['unattributed']:4}  missed {c['missed']:4}  "
                  f"credited where none {c['wrongly attributed']:4}"
                  + (interval_column([PageCount(c["right"] + c["wrong"] + c["unattributed"] + c["missed"],
                                                c["right"]) for c in articles.values()], "articles")
                     if named and not kind.startswith("null") else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
