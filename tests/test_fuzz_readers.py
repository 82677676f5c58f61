"""The OPML reader and the feed parser against hostile input: every input gives a parsed result or
an InputError, never another exception (Hypothesis, plus the cases it and the reliability issue found)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storywire.errors import InputError
from storywire.ingest.feed_parser import Feed, parse_feed
from storywire.ingest.opml import MAX_DEPTH, parse_opml

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
URL = "https://x.example/feed"
BOMB = ('<!DOCTYPE rss [<!ENTITY a "' + "a" * 1000 + '">'
        + "".join(f'<!ENTITY b{i} "' + ("&a;" if i == 0 else f"&b{i - 1};") * 10 + '">' for i in range(4)) + "]>")
RSS_BODY = '<rss version="2.0"><channel><title>&b3;</title><item><title>x</title></item></channel></rss>'


def nested_opml(levels: int) -> bytes:
    """An OPML file whose one feed sits ``levels`` folders deep."""
    opening = "".join(f'<outline text="f{i}">' for i in range(levels))
    return (f'<?xml version="1.0"?><opml version="2.0"><body>{opening}'
            f'<outline text="deep" xmlUrl="https://deep.example/rss"/>{"</outline>" * levels}</body></opml>').encode()


# -- the cases the issue reported --------------------------------------------------------------------
def test_opml_nested_to_the_limit_keeps_its_folder_path():
    (sub,) = parse_opml(nested_opml(MAX_DEPTH - 1))
    assert sub.url == "https://deep.example/rss" and sub.category == "/".join(f"f{i}" for i in range(MAX_DEPTH - 1))


@pytest.mark.parametrize("levels", [MAX_DEPTH, 990, 20_000])
def test_opml_nested_deeper_than_the_limit_is_refused(levels):
    with pytest.raises(InputError, match=f"nested deeper than {MAX_DEPTH} levels"):
        parse_opml(nested_opml(levels), "deep.opml")


@pytest.mark.parametrize("prolog", [
    '<?xml version="1.0"?><!--' + "x" * 70_000 + "-->",  # the DOCTYPE past the first 64 KB
    '<?xml version="1.0"?><!-- a <b> tag in a comment -->',  # a tag before the DOCTYPE
])
def test_feed_entities_anywhere_before_the_root_are_refused(prolog):
    with pytest.raises(InputError, match="declares entities"):
        parse_feed((prolog + BOMB + RSS_BODY).encode(), URL)


@pytest.mark.parametrize("encoding, lt", [("utf-7", b"+ADw-"), ("unicode_escape", b"\\x3c")])
def test_feed_entities_hidden_by_the_declared_encoding_are_refused(encoding, lt):
    """feedparser decodes by the declared encoding, so the check reads the document the same way."""
    raw = (BOMB + RSS_BODY).encode().replace(b"<!", lt + b"!")
    with pytest.raises(InputError, match="declares entities"):
        parse_feed(f'<?xml version="1.0" encoding="{encoding}"?>'.encode() + raw, URL)


def test_feed_with_a_long_comment_and_no_entities_still_parses():
    feed = parse_feed(('<?xml version="1.0"?><!--' + "x" * 70_000 + '--><!DOCTYPE rss PUBLIC "-//Netscape'
                       ' Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
                       + RSS_BODY.replace("&b3;", "Plain")).encode(), URL)
    assert feed.title == "Plain" and len(feed.entries) == 1


@pytest.mark.parametrize("data", [
    b'<rss version="2.0"><channel><title>&#2000000;</title></channel></rss>',  # beyond Unicode
    b'<?xml version="1.0" encoding="utf-7"?><rss version="2.0"><channel title="+2AA"/></rss>',  # a lone surrogate
])
def test_feed_feedparser_cannot_decode_is_refused(data):
    """Found by fuzzing: feedparser raised ValueError (UnicodeEncodeError) on these."""
    with pytest.raises(InputError, match="malformed feed"):
        parse_feed(data, URL)


@pytest.mark.parametrize("encoding", ["bogus-8", "utf-7"])
def test_opml_in_an_encoding_expat_cannot_read_is_refused(encoding):
    """Found by fuzzing: expat raised LookupError and ValueError on these."""
    with pytest.raises(InputError, match="not valid XML"):
        parse_opml(f'<?xml version="1.0" encoding="{encoding}"?><opml><body/></opml>'.encode())


# -- fuzzing ------------------------------------------------------------------------------------------
def parsed_or_refused(parse, *args):
    """Run a reader: its result, or None when it refused the input with an InputError."""
    try:
        return parse(*args)
    except InputError as exc:
        assert str(exc)
        return None


names = st.sampled_from(["opml", "body", "outline", "head", "rss", "channel", "item", "feed", "entry", "title",
                         "link", "guid", "pubDate", "rdf:RDF", "content:encoded", "x"])
texts = st.one_of(st.text(max_size=40), st.sampled_from([
    "&a;", "&amp;", "&#0;", "&#xFFFF;", "&#x110000;", "]]>", "<![CDATA[x]]>", "\ud800", "%p;",
    "http://x.example/a", "https://x.example/b", "javascript:alert(1)",
    "Fri, 04 Feb 2022 10:00:00 GMT", "2022-02-04T10:00:00Z", "99999-99-99", "\x00", "\u202e", "/a/b,/c"]),
    st.builds(lambda c, n: c * n, st.sampled_from("a<&\"é"), st.integers(1000, 100_000)))
attr_names = st.sampled_from(["text", "title", "xmlUrl", "xmlurl", "htmlUrl", "category", "type", "href",
                              "rel", "version", "xml:base", "xmlns"])


def element(children):
    return st.builds(lambda name, attrs, text, kids: (name, attrs, text, kids),
                     names, st.dictionaries(attr_names, texts, max_size=4), texts, st.lists(children, max_size=4))


def render(node) -> str:
    name, attrs, text, kids = node
    attributes = "".join(f' {k}="{v}"' for k, v in attrs.items())  # unescaped on purpose: often not XML
    return f"<{name}{attributes}>{text}{''.join(render(k) for k in kids)}</{name}>"


trees = st.recursive(st.builds(lambda n, t: (n, {}, t, []), names, texts), element, max_leaves=30)
prologs = st.lists(st.sampled_from([
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>', '<?xml version="1.0" encoding="utf-7"?>',
    '<?xml version="1.0" encoding="bogus-8"?>', '<?xml version="1.0" encoding="cp037"?>',
    '<?xml version="1.0" encoding="unicode_escape"?>', "<!-- c -->", "<!--" + "x" * 70_000 + "-->",
    '<!DOCTYPE r [<!ENTITY a "b">]>', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE r [<!ENTITY % p "x"> %p;]>', '<!DOCTYPE rss PUBLIC "-//x//EN" "http://x.example/d.dtd">', BOMB,
    "<!doctype html>", "\ufeff", "<?pi x?>"]), max_size=3).map("".join)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-be", "utf-32", "utf-7", "latin-1", "cp037"])
depths = st.integers(0, 3000)


@st.composite
def hostile_xml(draw, roots=("opml", "rss", "feed", "rdf:RDF")) -> bytes:
    """A document built from XML-ish pieces: prolog, nesting up to thousands deep, then a tree."""
    root = draw(st.sampled_from(roots))
    depth = draw(depths)
    wrapper = draw(st.sampled_from(["body", "outline", "channel", "item", "entry"]))
    inner = render(draw(trees))
    doc = (f"{draw(prologs)}<{root} version=\"2.0\"><body>" + f"<{wrapper} text=\"w\">" * depth + inner
           + f"</{wrapper}>" * depth + f"</body></{root}>")
    cut = draw(st.one_of(st.none(), st.integers(0, len(doc))))  # a truncated download
    return doc[:cut].encode(draw(encodings), "replace")


content_types = st.sampled_from([None, "application/rss+xml", "text/xml; charset=utf-7", "text/html",
                                 "application/json", "application/feed+json", "text/plain; charset=bogus",
                                 "application/xml; charset=utf-16", "image/png"])


@FUZZ
@given(st.binary(max_size=4096))
def test_opml_reader_on_arbitrary_bytes(data):
    subs = parsed_or_refused(parse_opml, data)
    assert subs is None or isinstance(subs, list)


@FUZZ
@given(hostile_xml())
@pytest.mark.filterwarnings("ignore:invalid escape sequence")  # expat decoding a declared "unicode_escape"
def test_opml_reader_on_hostile_xml(data):
    subs = parsed_or_refused(parse_opml, data)
    assert subs is None or all(s.url.startswith(("http://", "https://")) for s in subs)


@FUZZ
@given(st.binary(max_size=4096), content_types)
def test_feed_parser_on_arbitrary_bytes(data, content_type):
    feed = parsed_or_refused(parse_feed, data, URL, content_type)
    assert feed is None or isinstance(feed, Feed)


@pytest.mark.slow
@FUZZ
@given(hostile_xml(roots=("rss", "feed", "rdf:RDF", "channel")), content_types)
def test_feed_parser_on_hostile_xml(data, content_type):
    feed = parsed_or_refused(parse_feed, data, URL, content_type)
    assert feed is None or isinstance(feed, Feed)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                               st.sampled_from(["version", "items", "title", "url", "id", "authors", "author",
                                                "name", "attachments", "size_in_bytes", "content_html",
                                                "content_text", "date_published", "feed_url", "home_page_url"]),
                               kids, max_size=6), max_leaves=40)


@FUZZ
@given(json_values, st.booleans())
@example({"items": [{"version": None, "items": None, "attachments": True}]}, True)  # found by this test: a TypeError
@example({"items": [{"title": "\ud800"}]}, True)  # found by this test: a lone surrogate, a UnicodeEncodeError
def test_feed_parser_on_hostile_json_feeds(doc, versioned):
    if versioned and isinstance(doc, dict):
        doc = {**doc, "version": "https://jsonfeed.org/version/1.1"}
    feed = parsed_or_refused(parse_feed, json.dumps(doc).encode(), URL, "application/feed+json")
    assert feed is None or isinstance(feed, Feed)


def test_a_json_feed_item_whose_attachments_are_no_list_keeps_its_entry_without_enclosures():
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "https://example.org/a", "title": "A", "attachments": True},
        {"id": "2", "url": "https://example.org/b", "title": "B",
         "attachments": [{"url": "https://example.org/b.mp3", "mime_type": 3, "size_in_bytes": 10}]}]}
    feed = parse_feed(json.dumps(doc).encode(), URL, "application/feed+json")
    assert [(e.title, len(e.enclosures)) for e in feed.entries] == [("A", 0), ("B", 1)]
    assert feed.entries[1].enclosures[0].type is None


def test_a_json_feed_title_with_half_a_surrogate_pair_keeps_its_entry():
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "https://example.org/a", "title": "Broken \ud800 title"},
        {"id": "2", "url": "https://example.org/b", "title": "Fine \U0001F600 title"}]}
    feed = parse_feed(json.dumps(doc).encode(), URL, "application/feed+json")
    assert [e.title for e in feed.entries] == ["Broken \ufffd title", "Fine \U0001F600 title"]
