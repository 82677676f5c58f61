"""Briefings: ranking, novelty, faithful sentences, every output format, e-mail over real SMTP, scheduling.

Stories come from project-written fixtures (tests/fixtures/brief/*.jsonl) ingested through the real
pipeline into SQLite and PostgreSQL: a wire story reprinted word for word by six outlets, a flood
reported independently by six newsrooms, a story only a tabloid ran, a wildfire that develops over
two periods, and a few smaller stories; the two sample dumps join them for the sample briefing.
"""
from __future__ import annotations

import json
import socket
import ssl
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storywire.analyse.summarise import squeeze
from storywire.brief import Briefing, build_briefing, render
from storywire.brief.feed_writer import atom
from storywire.brief.model import (
    CitedConflict,
    CitedQuote,
    CitedSentence,
    CitedValue,
    Item,
    Section,
    SourceLink,
    WhatsNew,
)
from storywire.brief.rank import ArticleRef, rank_candidates
from storywire.brief.schedule import last_due, next_due, run_due, slots_between
from storywire.config import Settings
from storywire.errors import ConfigError, InputError, NotFound
from storywire.models import Story
from storywire.rank import Preferences, StoryFacts

FIXTURES = Path(__file__).parent / "fixtures" / "brief"
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
END1 = datetime(2022, 2, 4, 19, 0, tzinfo=UTC)  # the evening briefing after period 1
END2 = datetime(2022, 2, 5, 7, 0, tzinfo=UTC)  # the morning briefing after period 2


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# -- ranking on hand-made facts (pure) ------------------------------------------------------------
def _facts(sid: int, outlets: list[str], reprints: list[str], last: datetime) -> StoryFacts:
    story = Story(id=sid, title=f"story {sid}", created=last, updated=last, article_count=len(outlets),
                  source_count=len(outlets), first_seen=last - timedelta(hours=1), last_seen=last)
    return StoryFacts(story=story, outlets=tuple(outlets), reprint_outlets=tuple(reprints),
                      outlet_first_seen={o: last - timedelta(hours=1) for o in outlets})


def _refs(sid: int, outlets: list[str], last: datetime, first_id: int) -> list[ArticleRef]:
    return [ArticleRef(first_id + n, o, last - timedelta(minutes=n)) for n, o in enumerate(outlets)]


def test_independent_outranks_reprints_and_mutes_drop_pure():
    now = t("2022-02-04T19:00")
    last = t("2022-02-04T10:00")
    six = ["A", "B", "C", "D", "E", "F"]
    facts = [_facts(1, six, ["B", "C", "D", "E", "F"], last), _facts(2, six, [], last),
             _facts(3, ["Tabloid"], [], last)]
    refs = {1: _refs(1, six, last, 100), 2: _refs(2, six, last, 200), 3: _refs(3, ["Tabloid"], last, 300)}
    ranked = rank_candidates(facts, refs, now, None, frozenset())
    assert [c.ranked.story.id for c in ranked][:2] == [2, 1]
    assert ranked[0].score > ranked[1].score
    muted = rank_candidates(facts, refs, now, Preferences.from_rows([("source", "tabloid", "mute")]), frozenset())
    assert 3 in {c.ranked.story.id for c in ranked} and 3 not in {c.ranked.story.id for c in muted}


def test_novelty_against_previous_briefing_pure():
    now = t("2022-02-05T07:00")
    last = t("2022-02-05T05:00")
    facts = [_facts(1, ["A", "B", "C"], [], last), _facts(2, ["A", "B"], [], last)]
    refs = {1: _refs(1, ["A", "B", "C"], last, 10), 2: _refs(2, ["A", "B"], last, 20)}
    fresh = {c.ranked.story.id: c for c in rank_candidates(facts, refs, now, None, frozenset())}
    # story 1 was briefed with its articles 10 and 11 (outlets A, B); article 12 from C is new
    # story 2 was briefed whole: nothing new, so it does not come back
    again = {c.ranked.story.id: c for c in rank_candidates(facts, refs, now, None, frozenset({10, 11, 20, 21}))}
    assert set(fresh) == {1, 2} and set(again) == {1}
    nov = again[1].novelty
    assert nov.briefed and nov.new_article_ids == (12,) and nov.new_outlets == ("C",)
    assert again[1].score < fresh[1].score


# -- rendering a hand-made briefing (pure) --------------------------------------------------------
def _link(aid: int, source: str, url: str | None = None) -> SourceLink:
    default = f"https://{source.lower().replace(' ', '')}.example/{aid}"
    return SourceLink(aid, source, url if url is not None else default)


HOSTILE = "Shares <b>fell</b> & \"rose\" [again] *today* at 5_000 <script>alert(1)</script>."


def sample_briefing() -> Briefing:
    flood = Item(
        story_id=7, title="Floods force 12,000 from their homes", section="world", score=3.2,
        outlets=("Northern Courier", "Valley Gazette"), reprint_outlets=(), article_ids=(1, 2, 3),
        sentences=(CitedSentence("The River Sella burst its banks on Friday.", (_link(1, "Northern Courier"),)),
                   CitedSentence(HOSTILE, (_link(2, "Valley Gazette", "javascript:alert(1)"),))),
        quote=CitedQuote("We have never seen the water rise this fast", "Mayor Agnes Talvik", "direct",
                         (_link(1, "Northern Courier"),)),
        whats_new=WhatsNew(t("2022-02-04T19:00"), 2, ("RBN News",),
                           (CitedSentence("Power was cut to parts of the town.", (_link(3, "RBN News"),)),)),
        conflicts=(CitedConflict((CitedValue("12,000", (_link(1, "Northern Courier"),)),
                                  CitedValue("<b>15,000</b>", (_link(2, "Valley Gazette"),)))),))
    cup = Item(story_id=9, title="Harbour City win the Cup", section="sport", score=1.0, outlets=("Coastal Post",),
               reprint_outlets=(), article_ids=(4,),
               sentences=(CitedSentence("Harbour City won the National Cup on Friday night.",
                                        (_link(4, "Coastal Post"),)),))
    return Briefing(title="Morning briefing, Saturday 5 February 2022", created=t("2022-02-05T07:00"),
                    period_start=t("2022-02-04T19:00"), period_end=t("2022-02-05T07:00"), timezone="Europe/Berlin",
                    sections=(Section("world", (flood,)), Section("sport", (cup,))), user="alice")


VOID = {"meta", "br", "hr", "img", "link", "input"}


class _Tags(HTMLParser):
    """Collects tags, links and text, and checks that every element is closed in order."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.styled = 0
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.open.append(tag)
        a = dict(attrs)
        if "href" in a:
            self.hrefs.append(a["href"])
        self.styled += "style" in a
        assert not any(k.startswith("on") for k in a), attrs  # no event-handler scripts either

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_html(doc: str) -> _Tags:
    p = _Tags()
    p.feed(doc)
    p.close()
    assert p.open == [], p.open
    return p


def test_json_round_trip():
    b = sample_briefing()
    assert Briefing.from_dict(json.loads(render(b, "json"))) == b
    with pytest.raises(InputError):
        Briefing.from_dict({"title": "x"})


def test_html_is_standalone_escaped_and_script_free():
    b = sample_briefing()
    doc = render(b, "html")
    p = parse_html(doc)
    assert p.tags[0] == "html" and "script" not in p.tags and "style" not in p.tags  # inline styles only
    assert p.styled > 10
    assert "<script>" not in doc and "&lt;script&gt;" in doc
    text = "".join(p.text)
    assert HOSTILE in text  # the sentence survives verbatim as text, not as markup
    assert all(h.startswith("https://") for h in p.hrefs) and "https://northerncourier.example/1" in p.hrefs
    assert "What's new" in text and "RBN News" in text and "Mayor Agnes Talvik" in text
    assert "Outlets differ: 12,000 (Northern Courier), <b>15,000</b> (Valley Gazette)" in " ".join(text.split())


def test_markdown_and_text():
    b = sample_briefing()
    md = render(b, "markdown")
    assert md.startswith("# Morning briefing, Saturday 5 February 2022\n")
    assert md.index("## World") < md.index("## Sport")
    assert "([Northern Courier](https://northerncourier.example/1))" in md
    assert "javascript:" not in md and "(Valley Gazette)" in md  # unsafe link shown as plain outlet name
    assert "\\<script\\>" in md and "\\[again\\] \\*today\\*" in md
    assert "Sat 5 Feb 2022 08:00 (Europe/Berlin)" in md  # period in the reader's zone
    assert ("- Outlets differ: 12,000 ([Northern Courier](https://northerncourier.example/1)), "
            "\\<b\\>15,000\\</b\\> ([Valley Gazette](https://valleygazette.example/2))") in md
    flood = b.sections[0].items[0]
    reported = replace(flood, quote=CitedQuote("the river would peak on Sunday", "The weather service",
                                               "indirect", flood.quote.sources, "expects"))
    md2 = render(replace(b, sections=(Section("world", (reported,)),)), "markdown")
    assert "> The weather service expects the river would peak on Sunday. ([Northern Courier]" in md2
    txt = render(b, "text")
    assert txt.startswith("MORNING BRIEFING, SATURDAY 5 FEBRUARY 2022\n")
    assert all(len(line) <= 72 for line in txt.splitlines() if "://" not in line)
    assert "[1] Northern Courier <https://northerncourier.example/1>" in txt
    assert "* Outlets differ: 12,000 [1], <b>15,000</b> [3]" in " ".join(txt.split())
    assert "What's new: 2 new articles since Fri 4 Feb 2022 20:00; now also RBN News" in " ".join(txt.split())


def test_atom_round_trips_through_feedparser():
    import feedparser

    b = sample_briefing()
    older = replace(b, title="Evening briefing, Friday 4 February 2022", period_end=t("2022-02-04T19:00"),
                    created=t("2022-02-04T19:00"), period_start=t("2022-02-04T07:00"))
    doc = atom([older, b], feed_url="https://news.example/briefings.atom")
    ET.fromstring(doc.encode())  # well-formed XML
    feed = feedparser.parse(doc)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "storywire briefings for alice"
    assert [e.title for e in feed.entries] == [b.title, older.title]  # newest first
    e = feed.entries[0]
    assert e.id == "tag:storywire,2022-02-05:briefing/alice/20220205T070000Z"
    assert e.updated_parsed[:5] == (2022, 2, 5, 7, 0)
    assert {tag.term for tag in e.tags} == {"world", "sport"}
    content = e.content[0]
    assert content.type == "text/html"
    p = parse_html(content.value)
    assert "script" not in p.tags and "We have never seen the water rise this fast" in "".join(p.text)
    assert render(b, "atom") == atom(b)


def test_jsonfeed_meets_the_spec():
    b = sample_briefing()
    feed = json.loads(render(b, "jsonfeed"))
    check_jsonfeed(feed)
    assert feed["items"][0]["id"] == "tag:storywire,2022-02-05:briefing/alice/20220205T070000Z"
    assert "Harbour City won the National Cup on Friday night." in feed["items"][0]["content_text"]


def check_jsonfeed(feed: dict) -> None:
    """The requirements of https://www.jsonfeed.org/version/1.1/ for a top-level feed and its items."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    for key in ("home_page_url", "feed_url", "description", "icon", "favicon", "language"):
        assert key not in feed or isinstance(feed[key], str)
    for author in feed.get("authors", []):
        assert set(author) <= {"name", "url", "avatar"} and author
    assert "author" not in feed  # deprecated in 1.1
    ids = set()
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"] and item["id"] not in ids
        ids.add(item["id"])
        assert isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)
        for key in ("date_published", "date_modified"):
            if key in item:
                datetime.fromisoformat(item[key].replace("Z", "+00:00"))  # RFC 3339
        assert isinstance(item.get("tags", []), list)


def test_unknown_format_is_a_clear_error():
    with pytest.raises(InputError, match="unknown briefing format 'pdf'"):
        render(sample_briefing(), "pdf")


# -- scheduling across zones and DST changes (pure) -----------------------------------------------
def test_schedule_follows_berlin_across_the_october_change():
    # Clocks go back from 03:00 CEST to 02:00 CET on Sunday 30 October 2022.
    due = next_due(["07:00", "18:00"], "Europe/Berlin", t("2022-10-29T12:00"), count=4)
    assert due == [t("2022-10-29T16:00"), t("2022-10-30T06:00"), t("2022-10-30T17:00"), t("2022-10-31T06:00")]
    # 02:30 happens twice that night: one briefing, at the first 02:30 (CEST, 00:30 UTC)
    twice = slots_between(["02:30"], "Europe/Berlin", t("2022-10-29T12:00"), t("2022-10-31T00:00"))
    assert twice == [t("2022-10-30T00:30")]


def test_schedule_follows_new_york_across_the_march_change():
    # Clocks jump from 02:00 EST to 03:00 EDT on Sunday 13 March 2022.
    due = next_due(["07:00"], "America/New_York", t("2022-03-12T00:00"), count=3)
    assert due == [t("2022-03-12T12:00"), t("2022-03-13T11:00"), t("2022-03-14T11:00")]
    # 02:30 does not exist that day: it comes an hour later on the clock (03:30 EDT), still once
    gap = slots_between(["02:30", "03:30"], "America/New_York", t("2022-03-12T12:00"), t("2022-03-13T12:00"))
    assert gap == [t("2022-03-13T07:30")]
    assert last_due(["07:00", "18:00"], "America/New_York", t("2022-03-13T10:59")) == t("2022-03-12T23:00")


def test_schedule_rejects_bad_times_and_zones():
    with pytest.raises(ConfigError, match="HH:MM"):
        next_due(["7am"], "UTC", t("2022-01-01T00:00"))
    with pytest.raises(ConfigError, match="HH:MM"):
        next_due(["24:00"], "UTC", t("2022-01-01T00:00"))
    with pytest.raises(ConfigError, match="unknown time zone"):
        next_due(["07:00"], "Mars/Olympus", t("2022-01-01T00:00"))


# -- e-mail to a real SMTP server on 127.0.0.1 ----------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def _start_smtp(request, tls_dir: Path | None) -> dict:
    """aiosmtpd on 127.0.0.1; with ``tls_dir``: STARTTLS (self-signed certificate) and a login required."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    handler, port, kw, client_ctx = _Inbox(), _free_port(), {}, None
    if tls_dir is not None:
        cert, key = tls_dir / "cert.pem", tls_dir / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                        str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert, key)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"brief", b"s3cret")
            return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

        kw = dict(tls_context=server_ctx, require_starttls=True, auth_required=True, auth_require_tls=True,
                  authenticator=authenticator)
        client_ctx = ssl.create_default_context(cafile=str(cert))
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kw)
    controller.start()
    request.addfinalizer(controller.stop)
    return {"port": port, "handler": handler, "client_ctx": client_ctx}


@pytest.fixture
def smtp_server(request, tmp_path):
    """A real SMTP server on 127.0.0.1 requiring STARTTLS and a login."""
    return _start_smtp(request, tmp_path)


@pytest.fixture
def plain_smtp(request):
    """A real SMTP server on 127.0.0.1 without TLS or login (for the CLI, which trusts only system CAs)."""
    return _start_smtp(request, None)


def _smtp_settings(server) -> Settings:
    return Settings(smtp_host="127.0.0.1", smtp_port=server["port"], smtp_starttls=True, smtp_user="brief",
                    smtp_password="s3cret", smtp_from="briefings@news.example")


def _parts(raw: bytes) -> dict[str, str]:
    from email import message_from_bytes, policy

    msg = message_from_bytes(raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    return {"subject": msg["subject"], "to": msg["to"],
            **{p.get_content_type(): p.get_content().replace("\r\n", "\n") for p in msg.iter_parts()}}


def test_email_delivered_with_text_and_html_parts(smtp_server):
    from storywire.brief.deliver import send

    b = sample_briefing()
    send(b, "alice@news.example", _smtp_settings(smtp_server), ssl_context=smtp_server["client_ctx"])
    [(sender, rcpts, raw)] = smtp_server["handler"].messages
    assert sender == "briefings@news.example" and rcpts == ["alice@news.example"]
    parts = _parts(raw)
    assert parts["subject"] == b.title and parts["to"] == "alice@news.example"
    assert parts["text/plain"] == render(b, "text")
    assert parts["text/html"] == render(b, "html")


def test_email_failures_are_clear_errors(smtp_server):
    from storywire.brief.deliver import DeliveryError, send

    b = sample_briefing()
    wrong = replace(_smtp_settings(smtp_server), smtp_password="wrong")
    with pytest.raises(DeliveryError, match="refused the login for 'brief'"):
        send(b, "alice@news.example", wrong, ssl_context=smtp_server["client_ctx"])
    with pytest.raises(DeliveryError, match="TLS with SMTP server"):  # certificate not trusted
        send(b, "alice@news.example", _smtp_settings(smtp_server))
    closed = replace(_smtp_settings(smtp_server), smtp_port=_free_port())
    with pytest.raises(DeliveryError, match="cannot reach SMTP server"):
        send(b, "alice@news.example", closed)
    with pytest.raises(ConfigError, match="no SMTP server"):
        send(b, "alice@news.example", Settings())
    assert smtp_server["handler"].messages == []


# -- briefings from fixtures ingested through the real pipeline (SQLite and PostgreSQL) -----------
def fixture_items(name: str):
    """RawItems of a fixture file, with the outlet's section label (the JSONL reader does not keep it)."""
    from storywire.ingest.files import jsonl_item

    for n, line in enumerate((FIXTURES / name).read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        yield replace(jsonl_item(rec, f"{name}:{n}"), section=rec.get("section"))


def sample_items():
    """The two sample page dumps with the metadata an aggregator gives them (outlet, title, url, time)."""
    from storywire.models import RawItem

    meta = [("000_c70a619e594637e5.txt", "The Globe and Mail", "Macron heads to Moscow for talks with Putin on Ukraine",
             "https://www.theglobeandmail.com/world/macron-moscow", "2022-02-04T16:00"),
            ("003_c8f5f9e15842ed9e.txt", "France 24",
             "France's Macron to meet Putin and Zelensky in separate talks next week",
             "https://www.france24.com/en/europe/macron-putin-zelensky", "2022-02-04T18:00")]
    for name, source, title, url, when in meta:
        path = SAMPLES / name
        if not path.exists():
            pytest.skip("sample dumps not available")
        yield RawItem(origin=str(path), kind="dump", text=path.read_text(encoding="utf-8"), source=source,
                      title=title, url=url, published=t(when), language="en")


SETTINGS = Settings(briefing_size=8, timezone="UTC")


def ingest(store, *names: str, samples: bool = False) -> None:
    from storywire.pipeline import Pipeline

    items = [i for n in names for i in fixture_items(n)] + (list(sample_items()) if samples else [])
    summary = Pipeline(store, SETTINGS).ingest(items)
    assert not summary.rejected and summary.counts["ingested"] == len(items)


def find(b: Briefing, word: str) -> Item | None:
    return next((i for i in b.items if word in i.title), None)


def add_user(store, name: str, email: str | None = None, tz: str = "UTC", times: list[str] | None = None,
             mutes: tuple[str, ...] = (), follows: tuple[str, ...] = ()) -> int:
    from storywire.store.schema import users

    with store.atomic() as conn:
        uid = store.create_user(conn, name, "a long enough password", email=email)
        conn.execute(users.update().where(users.c.id == uid).values(
            timezone=tz, briefing_times=json.dumps(times) if times else None))
        for value, action in [(m, "mute") for m in mutes] + [(f, "follow") for f in follows]:
            store.set_preference(conn, uid, "source", value, action)
    return uid


def assert_faithful(store, b: Briefing) -> int:
    """Every sentence is found word for word in each article it links to; returns how many were checked."""
    checked = 0
    with store.read() as conn:
        for item in b.items:
            sentences = list(item.sentences) + (list(item.whats_new.sentences) if item.whats_new else [])
            for s in sentences:
                assert s.sources, s.text
                for link in s.sources:
                    art = store.get_article(conn, link.article_id)
                    assert squeeze(s.text) in squeeze(art.text), (s.text, art.source)  # tidied spacing only
                    assert (art.source, art.url) == (link.source, link.url)
                    assert art.story_id == item.story_id
                checked += 1
            if item.quote:
                for link in item.quote.sources:
                    assert store.get_article(conn, link.article_id).story_id == item.story_id
    return checked


def test_briefing_ranks_independent_coverage_over_reprints(store):
    ingest(store, "period1.jsonl")
    b = build_briefing(store, SETTINGS, until=END1, now=END1)
    flood, wire = find(b, "Brenville"), find(b, "Meridian")
    assert len(flood.outlets) == len(wire.outlets) == 6
    assert flood.reprint_outlets == () and len(wire.reprint_outlets) == 5  # five papers ran the agency's copy
    assert flood.score > wire.score
    ranked = sorted(b.items, key=lambda i: -i.score)
    assert ranked.index(flood) < ranked.index(wire)
    assert b.sections[0].items[0] == flood  # the top story leads the briefing
    assert b.period_start == END1 - timedelta(hours=24) and b.period_end == END1
    assert b.title == "Evening briefing, Friday 4 February 2022"


def test_sections_from_outlet_labels_or_text(store):
    ingest(store, "period1.jsonl")
    sections = {i.title.split()[0]: i.section for i in build_briefing(store, SETTINGS, until=END1, now=END1).items}
    assert sections["Meridian"] == "business"  # outlets' labels: Business, Markets, Economy
    assert sections["Voltrix"] == "technology"  # Tech, Technology
    assert sections["Astronomers"] == "science"  # Science, Science & Health
    assert sections["Floods"] == "world" and sections["Wildfire"] == "world"  # no labels: the text decides


def test_muted_outlet_drops_its_stories(store):
    ingest(store, "period1.jsonl")
    add_user(store, "alice", mutes=("The Daily Rumour",), follows=("Metro Daily",))
    everyone = build_briefing(store, SETTINGS, until=END1, now=END1)
    alice = build_briefing(store, SETTINGS, until=END1, now=END1, user="alice")
    assert find(alice, "Voltrix").reasons == ("an outlet you follow",)  # she follows Metro Daily
    assert "For you: an outlet you follow" in render(alice, "markdown")
    assert find(everyone, "Lexi Vane") is not None
    assert find(alice, "Lexi Vane") is None
    assert {i.story_id for i in alice.items} == {i.story_id for i in everyone.items} - {find(everyone, "Lexi").story_id}
    assert alice.user == "alice"
    with pytest.raises(NotFound, match="no user called 'nobody'"):
        build_briefing(store, SETTINGS, until=END1, user="nobody")


def test_every_sentence_is_verbatim_from_a_linked_article(store):
    ingest(store, "period1.jsonl")
    b = build_briefing(store, SETTINGS, until=END1, now=END1)
    assert len(b.items) == 6
    for item in b.items:
        assert 2 <= len(item.sentences) <= 3, item.title
        if item.quote:
            assert item.quote.speaker and all(item.quote.text not in s.text for s in item.sentences)
    assert assert_faithful(store, b) >= 12
    flood = find(b, "Brenville")
    assert flood.quote.text == "We have never seen the water rise this fast"
    assert flood.quote.speaker == "Mayor Agnes Talvik" and len(flood.quote.sources) >= 2


def test_whats_new_for_a_story_briefed_before(store):
    ingest(store, "period1.jsonl")
    first = build_briefing(store, SETTINGS, until=END1, now=END1)
    with store.atomic() as conn:
        store.save_briefing(conn, None, first.title, first.period_start, first.period_end, first.to_dict(),
                            created=END1)
    fire_before = find(first, "Carrow")
    assert fire_before.whats_new is None
    ingest(store, "period2.jsonl")
    second = build_briefing(store, SETTINGS, until=END2, now=END2)
    assert second.period_start == END1  # since the last briefing
    assert second.title == "Morning briefing, Saturday 5 February 2022"
    fire = next(i for i in second.items if i.story_id == fire_before.story_id)
    assert fire.whats_new is not None
    assert fire.whats_new.since == END1 and fire.whats_new.new_articles == 4
    # Northern Courier ran it before
    assert fire.whats_new.new_outlets == ("City Herald", "Coastal Post", "Harbour Times")
    with store.read() as conn:
        old_text = " ".join(store.get_article(conn, i).text for i in fire_before.article_ids)
        assert fire.whats_new.sentences
        for s in fire.whats_new.sentences:
            assert s.text not in old_text
            assert all(store.get_article(conn, link.article_id).published > END1 for link in s.sources)
    cup = find(second, "Harbour City")
    assert cup is not None and cup.whats_new is None and cup.section == "sport"
    assert len({link.source for s in fire.whats_new.sentences for link in s.sources}) >= 2  # new outlets take turns
    with store.read() as conn:  # a developing story is quoted from its new coverage
        assert fire.quote and all(store.get_article(conn, q.article_id).published > END1 for q in fire.quote.sources)
    # Stories briefed before with nothing new stay out, even when the period reaches back over them.
    wider = build_briefing(store, SETTINGS, since=END1 - timedelta(hours=12), until=END2, now=END2)
    assert {i.story_id for i in wider.items} == {fire.story_id, cup.story_id}
    assert assert_faithful(store, second) >= 4
    stored = store_round_trip(store, second)
    assert stored == second


def store_round_trip(store, b: Briefing) -> Briefing:
    with store.atomic() as conn:
        bid = store.save_briefing(conn, None, b.title, b.period_start, b.period_end, b.to_dict(), created=b.created)
    with store.read() as conn:
        got = store.get_briefing(conn, bid)
        assert store.last_briefing(conn, None).id == bid
        assert [x.id for x in store.list_briefings(conn, None)][0] == bid
    assert got.title == b.title and got.period_end == b.period_end and got.delivered is None
    return Briefing.from_dict(got.data)


def test_briefings_store(store):
    uid = add_user(store, "carol", email="carol@news.example")
    b = sample_briefing()
    with store.atomic() as conn:
        g1 = store.save_briefing(conn, None, "g1", END1 - timedelta(hours=12), END1, b.to_dict(), created=END1)
        u1 = store.save_briefing(conn, uid, "u1", END1 - timedelta(hours=12), END1, b.to_dict(), created=END1)
        u2 = store.save_briefing(conn, uid, "u2", END1, END2, b.to_dict(), created=END2)
        store.mark_delivered(conn, u2, END2)
    with store.read() as conn:
        assert [x.id for x in store.list_briefings(conn, uid)] == [u2, u1]
        # newest period first
        assert [x.id for x in store.list_briefings(conn, uid, include_global=True)] == [u2, u1, g1]
        assert [x.id for x in store.list_briefings(conn, None)] == [g1]
        assert store.last_briefing(conn, uid).id == u2
        assert store.last_briefing(conn, uid, before=END1).id == u1
        assert store.last_briefing(conn, None, before=END1 - timedelta(hours=1)) is None
        got = store.get_briefing(conn, u2)
        assert got.delivered == END2 and got.user_id == uid and Briefing.from_dict(got.data) == b
        with pytest.raises(NotFound):
            store.get_briefing(conn, 9999)


def test_run_due_builds_stores_and_mails(store, smtp_server):
    ingest(store, "period1.jsonl")
    settings = replace(_smtp_settings(smtp_server), briefing_times=["19:00"], timezone="UTC")
    alice = add_user(store, "alice", email="alice@news.example", tz="Europe/Berlin", times=["20:00"])
    add_user(store, "bob", email="bob@news.example", tz="America/New_York", times=["07:00"])
    add_user(store, "dora")  # no e-mail: no scheduled briefing of her own
    ctx = smtp_server["client_ctx"]
    assert run_due(store, settings, now=END1 - timedelta(minutes=1), ssl_context=ctx) == []  # nothing due yet
    # 19:05 UTC is 20:05 in Berlin: everyone's and Alice's are due; Bob's 07:00 New York is not.
    wrong = replace(settings, smtp_password="nope")
    first = run_due(store, wrong, now=END1 + timedelta(minutes=5), ssl_context=ctx)
    assert [(r.recipient, r.sent) for r in first] == [("everyone", False), ("alice", False)]
    assert "refused the login" in first[1].error and first[1].briefing_id is not None
    with store.read() as conn:
        assert store.get_briefing(conn, first[1].briefing_id).delivered is None
    # The next tick retries the failed send of the stored briefing; it does not build another.
    again = run_due(store, settings, now=END1 + timedelta(minutes=6), ssl_context=ctx)
    assert [(r.recipient, r.briefing_id, r.sent, r.error) for r in again] == [
        ("alice", first[1].briefing_id, True, None)]
    assert run_due(store, settings, now=END1 + timedelta(minutes=7), ssl_context=ctx) == []  # served once
    [(sender, rcpts, raw)] = smtp_server["handler"].messages
    assert rcpts == ["alice@news.example"]
    parts = _parts(raw)
    with store.read() as conn:
        [mine] = store.list_briefings(conn, alice)
        [everyone] = store.list_briefings(conn, None)
    assert mine.delivered is not None and everyone.delivered is None
    b = Briefing.from_dict(mine.data)
    assert b.user == "alice" and b.timezone == "Europe/Berlin" and b.title == "Evening briefing, Friday 4 February 2022"
    assert parts["subject"] == b.title
    assert parts["text/plain"] == render(b, "text") and parts["text/html"] == render(b, "html")
    assert "Floods force 12,000" in parts["text/plain"]
    # Bob's 07:00 in New York is 12:00 UTC the next day: due then, with the news since the day before.
    later = run_due(store, settings, now=t("2022-02-05T12:01"), ssl_context=ctx)
    assert [(r.recipient, r.sent) for r in later] == [("bob", True)]


def test_cli_brief(store, plain_smtp, tmp_path):
    from typer.testing import CliRunner

    from storywire.cli import app

    ingest(store, "period1.jsonl")
    erin = add_user(store, "erin", email="erin@news.example", mutes=("The Daily Rumour",))
    runner = CliRunner()
    db = store.url if store.dialect == "postgresql" else store.url.removeprefix("sqlite:///")
    base = ["--db", db, "brief", "--until", "2022-02-04T19:00"]
    res = runner.invoke(app, base)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("# Evening briefing, Friday 4 February 2022\n") and "Lexi Vane" in res.output
    out = tmp_path / "b.json"
    res = runner.invoke(app, base + ["--since", "7h", "--format", "json", "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["period_start"] == "2022-02-04T12:00:00+00:00"
    first_words = {i["title"].split()[0] for s in data["sections"] for i in s["items"]}
    assert first_words == {"Wildfire", "Voltrix", "Astronomers"}
    env = {"STORYWIRE_SMTP_HOST": "127.0.0.1", "STORYWIRE_SMTP_PORT": str(plain_smtp["port"]),
           "STORYWIRE_SMTP_STARTTLS": "false"}
    res = runner.invoke(app, base + ["--user", "erin", "--format", "html", "--send"], env=env)
    assert res.exit_code == 0, res.output
    [(_, rcpts, raw)] = plain_smtp["handler"].messages
    assert rcpts == ["erin@news.example"] and "Lexi Vane" not in _parts(raw)["text/plain"]
    with store.read() as conn:
        [kept] = store.list_briefings(conn, erin)
    assert kept.delivered is not None
    res = runner.invoke(app, base + ["--format", "pdf"])
    assert isinstance(res.exception, InputError) and "unknown format 'pdf'" in str(res.exception)
    res = runner.invoke(app, base + ["--send"], env=env)
    assert isinstance(res.exception, ConfigError) and "--send needs --to" in str(res.exception)


def test_sample_briefing(sqlite_store, tmp_path):
    """The two sample dumps (one Reuters story in two outlets) beside the fixtures' stories."""
    ingest(sqlite_store, "period1.jsonl", samples=True)
    b = build_briefing(sqlite_store, SETTINGS, until=END1, now=END1)
    macron = find(b, "Macron")
    assert macron is not None and macron.outlets == ("France 24", "The Globe and Mail")
    assert macron.section == "world" and 2 <= len(macron.sentences) <= 3
    assert macron.quote is not None and macron.quote.speaker
    assert assert_faithful(sqlite_store, b) >= 14
    md = render(b, "markdown")
    assert "## World" in md and "Macron" in md
    (tmp_path / "sample-briefing.md").write_text(md, encoding="utf-8")
    for fmt in ("html", "text", "atom", "jsonfeed", "json"):
        assert render(b, fmt)
    check_jsonfeed(json.loads(render(b, "jsonfeed")))
    assert "script" not in parse_html(render(b, "html")).tags


def test_a_story_of_no_known_outlet_is_briefed_as_such(tmp_path):
    """Records with no source and no link (an archive dump): the briefing says "No known outlet", not "1 outlet:
    unknown", and cites a sentence two such articles carry once, not "(unknown outlet, unknown outlet)" or
    "[1][1]"."""
    from typer.testing import CliRunner

    from storywire.cli import app

    lead = ("The harbour bridge reopened on Monday after eight months of repairs, the city council said, and "
            "traffic resumed at noon across the 1932 span.")
    more = ("Engineers replaced the cables and the deck, and the council said the work came in under budget by "
            "about a tenth.")
    records = [{"id": "r1", "title": "Harbour bridge reopens", "text": f"{lead} {more}",
                "published": "2024-03-04T09:00:00Z"},
               {"id": "r2", "title": "Bridge open again after repairs", "text": f"{lead} Buses return next week.",
                "published": "2024-03-04T10:00:00Z"}]
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", str(src)]).exit_code == 0
    base = ["--db", db, "brief", "--until", "2024-03-05"]
    md, txt, page = (runner.invoke(app, base + ["--format", f]).output for f in ("markdown", "text", "html"))
    assert "Harbour bridge reopens" in md and "traffic resumed at noon" in md, md
    assert "**No known outlet**" in md and "(unknown outlet)" in md
    assert "unknown outlet, unknown outlet" not in md and "outlet:" not in md and "unknown," not in md
    assert "   No known outlet\n" in txt and "[1][1]" not in txt and "   [1] unknown outlet" in txt, txt
    assert "No known outlet</p>" in page and "1 outlet" not in page
