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
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storywire.brief import Briefing, build_briefing, render
from storywire.brief.feeds import atom, jsonfeed_dict
from storywire.brief.model import Item, Quote, Section, Sentence, SourceLink, WhatsNew
from storywire.brief.rank import ArticleRef, rank_candidates
from storywire.brief.schedule import last_due, next_due, run_due, slots_between
from storywire.config import Settings
from storywire.errors import ConfigError, InputError, NotFound
from storywire.models import Story
from storywire.rank import Preferences, StoryFacts

FIXTURES = Path(__file__).parent / "fixtures" / "brief"
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
UTC = timezone.utc
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
    facts = [_facts(1, six, ["B", "C", "D", "E", "F"], last), _facts(2, six, [], last), _facts(3, ["Tabloid"], [], last)]
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
    return SourceLink(aid, source, url if url is not None else f"https://{source.lower().replace(' ', '')}.example/{aid}")


HOSTILE = "Shares <b>fell</b> & \"rose\" [again] *today* at 5_000 <script>alert(1)</script>."


def sample_briefing() -> Briefing:
    flood = Item(
        story_id=7, title="Floods force 12,000 from their homes", section="world", score=3.2,
        outlets=("Northern Courier", "Valley Gazette"), reprint_outlets=(), article_ids=(1, 2, 3),
        sentences=(Sentence("The River Sella burst its banks on Friday.", (_link(1, "Northern Courier"),)),
                   Sentence(HOSTILE, (_link(2, "Valley Gazette", "javascript:alert(1)"),))),
        quote=Quote("We have never seen the water rise this fast", "Mayor Agnes Talvik", "direct",
                    (_link(1, "Northern Courier"),)),
        whats_new=WhatsNew(t("2022-02-04T19:00"), 2, ("RBN News",),
                           (Sentence("Power was cut to parts of the town.", (_link(3, "RBN News"),)),)))
    cup = Item(story_id=9, title="Harbour City win the Cup", section="sport", score=1.0, outlets=("Coastal Post",),
               reprint_outlets=(), article_ids=(4,),
               sentences=(Sentence("Harbour City won the National Cup on Friday night.", (_link(4, "Coastal Post"),)),))
    return Briefing(title="Morning briefing, Saturday 5 February 2022", created=t("2022-02-05T07:00"),
                    period_start=t("2022-02-04T19:00"), period_end=t("2022-02-05T07:00"), timezone="Europe/Berlin",
                    sections=(Section("world", (flood,)), Section("sport", (cup,))), user="alice")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.styled = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if "href" in a:
            self.hrefs.append(a["href"])
        self.styled += "style" in a

    def handle_data(self, data):
        self.text.append(data)


def parse_html(doc: str) -> _Tags:
    p = _Tags()
    p.feed(doc)
    p.close()
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


def test_markdown_and_text():
    b = sample_briefing()
    md = render(b, "markdown")
    assert md.startswith("# Morning briefing, Saturday 5 February 2022\n")
    assert md.index("## World") < md.index("## Sport")
    assert "([Northern Courier](https://northerncourier.example/1))" in md
    assert "javascript:" not in md and "(Valley Gazette)" in md  # unsafe link shown as plain outlet name
    assert "\\<script\\>" in md and "\\[again\\] \\*today\\*" in md
    assert "Sat 5 Feb 2022 08:00 (Europe/Berlin)" in md  # period in the reader's zone
    txt = render(b, "text")
    assert txt.startswith("MORNING BRIEFING, SATURDAY 5 FEBRUARY 2022\n")
    assert all(len(line) <= 72 for line in txt.splitlines() if "://" not in line)
    assert "[1] Northern Courier <https://northerncourier.example/1>" in txt
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


@pytest.fixture
def smtp_server(tmp_path):
    """aiosmtpd on 127.0.0.1 requiring STARTTLS (self-signed certificate) and a login; yields its state."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)

    class Handler:
        def __init__(self):
            self.messages: list[tuple[str, list[str], bytes]] = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"brief", b"s3cret")
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    handler = Handler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=server_ctx, require_starttls=True,
                            auth_required=True, auth_require_tls=True, authenticator=authenticator)
    controller.start()
    try:
        yield {"port": port, "handler": handler, "client_ctx": ssl.create_default_context(cafile=str(cert))}
    finally:
        controller.stop()


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
