"""Paragraph splitting, fingerprints and line rules for page chrome shared by every extractor.

Two kinds of knowledge live here. ``fingerprint`` lets the pipeline *learn* boilerplate: a paragraph
that recurs on many pages of one outlet is chrome whatever it says. The line rules catch chrome that a
single page already gives away (navigation, subscription plugs, share buttons, photo captions and
credits, related-article headings), so the first page of a new outlet is clean too. The rules are
generic (phrases, shapes, agency credits), never tied to one site.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n")


def normalise(text: str) -> str:
    """Unicode NFC, one kind of newline and space, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    """The paragraphs of clean text: blocks separated by blank lines, inner line breaks kept as spaces."""
    blocks = _BLANKS.split(normalise(text)) if text else []
    return [" ".join(b.split()) for b in blocks if b.strip()]


def fingerprint(paragraph: str) -> str:
    """A stable 32-hex hash of a paragraph, blind to case, spacing, digits and punctuation.

    Digits are folded so "© 2021 Outlet" and "© 2022 Outlet", or "3 min read" and "5 min read",
    count as the same recurring line.
    """
    folded = unicodedata.normalize("NFKC", paragraph).casefold()
    folded = re.sub(r"\d+", "0", folded)
    folded = " ".join(re.findall(r"\w+", folded))
    return hashlib.blake2b(folded.encode(), digest_size=16).hexdigest()


# -- line rules -----------------------------------------------------------------------------------

#: News agencies and photo services that sign captions and credits.
AGENCIES = (
    "Reuters", "AP", "AFP", "Associated Press", "Agence France-Presse", "Getty Images", "Getty", "EPA", "EPA-EFE",
    "Bloomberg", "Shutterstock", "Alamy", "PA", "PA Images", "PA Wire", "dpa", "ANP", "Xinhua", "Sputnik", "TASS",
    "AAP", "Canadian Press", "The Canadian Press", "Pool", "Anadolu", "Anadolu Agency", "ANSA", "Kyodo", "Yonhap",
    "Imago", "NurPhoto", "SOPA Images", "LightRocket", "Zuma", "ZUMA Press", "Keystone", "Belga", "NTB", "TT",
    "Ritzau", "Lusa", "EFE", "Europa Press", "UPI", "IANS", "PTI", "ANI", "WireImage", "Redux", "Sipa",
    "Abaca", "Hans Lucas", "BBC", "CNN", "Handout", "Courtesy", "File", "File photo", "Wikimedia Commons",
    "Unsplash", "iStock", "iStockphoto", "dpa-Zentralbild", "picture alliance", "picture-alliance", "Ukrinform",
)
_AGENCY = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
# A line ending like a sentence: a full stop, "?", "!" or "…", then closing quotes or brackets
SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_HAS_SENTENCE = re.compile(r"""[.!?…]["'”’»)]*(\s|$)""")

# A caption or credit: a copyright sign, a "Photo:" label, or a line ending in an agency credit
# ("...on June 26, 2020.Sputnik Photo Agency/Reuters", "... (AFP)", "... | Getty Images").
_CAPTION = re.compile(
    r"©|\(c\)\s|\bcopyright\b"
    r"|^(photo|photograph|image|picture|pictured|foto|bild|credit|illustration|video|caption|source|quelle|fuente|"
    r"źródło|crédits?( photos?)?|bildquelle|beitragsbild|titelbild|bildnachweis)s?\s*[:|]"
    r"|^(beitragsbild|titelbild|bild anzeigen|bildergalerie|zur bildergalerie)$"
    r"|^(image|photo|picture|video)\s+(source|credit)s?\s*[,:]"
    r"|\b(photo|photograph|image|picture|foto|bild)\s*(credit)?\s*:\s*\S"
    r"|\((photo|image|picture)\s+(by|:|credit)[^)]*\)\s*$"
    r"|\b(photo|photograph)\s*/\s*\w",
    re.I,
)
# A trailing agency credit ("...2020.Sputnik Photo Agency/Reuters", "... (AFP)", "... | Getty Images"), searched
# in the last 120 characters only: the credit is short, and a whole-line search is quadratic.
_CREDIT_TAIL = re.compile(
    rf"(/|\||\bvia\s|\bby\s|[.,;:]|\s-|\s–)\s*([\w.&'-]+\s){{0,4}}(photo\s+agency\s*/\s*)?({_AGENCY})"
    r"(\s*(photo|images?|pool|file))?\s*\)?\s*$",
    re.I,
)

# Phrases of page chrome: navigation, account, subscription, sharing, related lists, footers.
#: Phrases that mark chrome even inside a short full sentence ("Sign up today.", "Read more.").
STRONG_CHROME = (
    "skip to main content", "skip to content", "skip to navigation", "back to top", "toggle navigation", "main menu",
    "sign up", "sign in", "log in", "login", "subscribe", "newsletter", "newsletters", "already a member",
    "already a subscriber", "create an account", "my account", "start reading", "read more", "continue reading",
    "keep reading", "download the app", "get the app", "all rights reserved", "privacy policy", "terms of use",
    "terms of service", "cookie policy", "cookie settings", "accept cookies", "click here", "tap here",
    "listen to this article", "get all your news", "premium titles", "one app", "one membership",
    "trusted global sources", "free trial", "days free", "unlimited access", "support our journalism",
    "leave a comment", "show comments", "view comments", "copy link", "share this", "share on", "share via",
    "follow us", "print this", "email this", "advertisement", "sponsored content", "read also", "see also",
    "also read", "join the conversation", "commenting forum", "view comments",
    "abonnieren", "jetzt abonnieren", "kommentar schreiben",
    "keine kommentare", "jetzt lesen", "mehr erfahren", "suscríbete", "hazte miembro", "iniciar sesión",
    "inicia sesión", "s'abonner", "abonnez-vous", "zaloguj się",
)
#: Phrases that mark chrome only in a short line that is not a sentence ("Related Stories", "Most read").
WEAK_CHROME = (
    "related stories", "related articles", "related content", "related topics", "related", "more from",
    "more on this", "more stories", "most read", "most popular", "most viewed", "top stories", "our picks",
    "editor's picks", "recommended", "you may also like", "trending", "min read", "minute read", "reading time",
    "contact us", "about us", "accessibility", "site map", "sitemap", "subscription", "menu", "search",
    "watch live", "live updates", "home", "cookies", "comments", "podcasts", "video", "videos",
    "kommentare", "anzeige", "werbung", "startseite", "impressum", "datenschutz", "kontakt", "teilen",
    "compartir", "partager", "publicidad", "comentarios", "commentaires",
)


def _phrases(items: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.I)


_STRONG = _phrases(STRONG_CHROME)
_WEAK = _phrases(WEAK_CHROME)
# Plugs that can be a full sentence ("Our Morning Update newsletters ... Sign up today.").
_PROMO = re.compile(
    r"\b(sign up|subscribe|register|download|log in|sign in)\b.{0,60}\b(today|now|here|free|newsletter|app|inbox|"
    r"to read|to continue|for free|to get|to receive|for our)\b"
    r"|\bnewsletters?\b.{0,120}\b(sign up|subscribe|inbox|delivered|free)\b"
    r"|\b(sign up|subscribe)\b.{0,120}\bnewsletters?\b"
    r"|\bunlimited (digital )?access\b|\bsubscribers? (only|exclusive)\b"
    r"|\b(read|get|access) (news|stories|articles) from (hundreds|\d+)",
    re.I,
)
_SHARE_WORDS = {"share", "tweet", "facebook", "twitter", "x", "whatsapp", "email", "e-mail", "print", "linkedin",
                "reddit", "telegram", "pinterest", "messenger", "copy", "link", "comment", "comments", "save", "mail",
                "flipboard", "bluesky", "threads", "instagram", "youtube", "tiktok", "rss", "sms", "copied", "url"}
_WIRE_TAIL = re.compile(
    rf"^(\((?:[^()]{{1,40}}\s+with\s+)?(?:{_AGENCY})(?:\s*(?:,|and|/)\s*(?:{_AGENCY}))*\)"
    r"|(reporting|additional reporting|writing|editing)\s+by\s.+"
    rf"|[—–-]\s*(?:{_AGENCY})"
    r"|with\s+(?:agencies|wires|wire services)"
    r"|(?:the\s+)?[\w .'’-]{2,60}\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)"
    r"|\(\w[^()]{0,40}\s+with\s+[^()]{1,40}\))\.?$",
    re.I,
)


def words(line: str) -> int:
    return len(line.split())


def is_caption(line: str) -> bool:
    """A photo caption or credit: a copyright sign, a "Photo:" label, or a trailing agency credit.

    A trailing credit only counts when the line does not end as a sentence would ("... told Reuters."
    is prose, "...in Moscow, 2020.Sputnik Photo Agency/Reuters" is a caption).
    """
    if len(line) > 600:
        return False
    m = _CAPTION.search(line) or _CREDIT_TAIL.search(line[-120:])
    if not m:
        return False
    if m.group(0).strip().startswith("©") or "©" in line:
        return True
    if SENTENCE_END.search(line) and not re.search(r"\((photo|image|picture)", line, re.I):
        return False
    return True


_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?…\"”’)])\s*((photo|foto|bild|image|picture|credit|crédits?|quelle|source)s?\s*:|©)"
    r"(?:[^.!?]|\.(?=\S)){0,80}\.?$",
    re.I,
)


def split_credit(line: str) -> tuple[str, str | None]:
    """A paragraph with a photo credit glued to its end ("...Kartellbehörden.Foto: photocase.de") -> (text, credit).

    Only for real paragraphs (two sentences or more before the credit); a one-sentence caption stays whole.
    """
    m = _TRAILING_CREDIT.search(line)
    if not m:
        return line, None
    head = line[: m.start()].rstrip()
    if words(head) >= 25 and len(re.findall(r"[.!?…][\"”’)]?\s+[A-ZÀ-Ý0-9\"“„]", head)) >= 1:
        return head, line[m.start():].strip()
    return line, None


def is_wire_credit(line: str) -> bool:
    """The agency sign-off that closes a wire story: "(FRANCE 24 with REUTERS)", "(AP)", "Reporting by ..."."""
    return len(line) < 200 and bool(_WIRE_TAIL.match(line.strip()))


def is_share_line(line: str) -> bool:
    tokens = re.findall(r"[\w-]+", line.casefold())
    return any(t in _SHARE_WORDS for t in tokens) and len(tokens) <= 12 and \
        all(t in _SHARE_WORDS or t.isdigit() for t in tokens)


def is_chrome(line: str) -> bool:
    """Navigation, account, subscription, share and related-list lines; also full-sentence plugs."""
    if is_share_line(line):
        return True
    if _PROMO.search(line) and len(line) < 400:
        return True
    n = words(line)
    if n <= 12 and _STRONG.search(line):
        return True
    if n <= 6 and not SENTENCE_END.search(line) and _WEAK.search(line):
        return True
    if n <= 30 and _INLINE_RELATED.match(line):
        return True
    return False


_RELATED_HEAD = re.compile(
    r"^(related( stories| articles| content| topics| coverage| news| posts)?|read more|more (from|on|stories|news)\b.*|"
    r"most (read|popular|viewed|shared)|top stories.*|our picks|editor'?s picks|recommended( for you| reading)?|"
    r"you (may|might) also (like|be interested in)|see also|also read|read also|trending( now)?|latest( news)?|"
    r"in other news|what to read next|up next|popular now|"
    # German, French, Spanish, Portuguese, Italian, Dutch, Polish
    r"auch interessant|lesen sie auch.*|das könnte sie auch interessieren|mehr zum thema.*|zum weiterlesen|"
    r"weitere (artikel|beiträge|themen|nachrichten|meldungen|informationen)\b.*|ähnliche (artikel|beiträge)|"
    r"verwandte (artikel|themen)|schon gelesen\??|meistgelesen|top-themen.*|"
    r"(à )?lire aussi|voir aussi|sur le même sujet|articles? (liés|similaires)|"
    r"(notas|noticias|artículos|contenido) relacionad[oa]s?|(lea|lee|vea|ver) también|te puede interesar|"
    r"más (sobre|noticias).*|temas|leia também|veja também|leggi anche|articoli correlati|lees ook|"
    r"czytaj (też|także|również)|zobacz (też|także)|polecamy)\s*[:?]?$",
    re.I,
)
# A one-line link to another article: "Read more: ...", "VEA TAMBIÉN: ...", "Lesen Sie auch: ...".
_INLINE_RELATED = re.compile(
    r"^(read more|read also|related|see also|also read|more|watch|listen|recommended|"
    r"lesen sie (auch|mehr)|auch interessant|mehr zum thema|zum weiterlesen|weiterlesen|siehe auch|"
    r"vea también|lea también|lee también|mire|puedes ver|te puede interesar|ver también|"
    r"czytaj (też|także|również)|zobacz (też|także)|(à )?lire aussi|voir aussi|leggi anche|leia também|veja também)"
    r"\s*[:>»|–-]\s*\S",
    re.I,
)


def is_related_heading(line: str) -> bool:
    """A heading that opens a list of links to other articles ("Related Stories", "Most read")."""
    line = line.strip()
    return words(line) <= 8 and not re.search(r"[.!]$", line) and bool(_RELATED_HEAD.match(line))


def is_prose(line: str, min_words: int = 10) -> bool:
    """A line that reads like body text: enough words and at least one sentence end."""
    return words(line) >= min_words and bool(_HAS_SENTENCE.search(line))
