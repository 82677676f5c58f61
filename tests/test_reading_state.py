"""Per-user reading state and personal subscriptions (store/reading.py) and app passwords, on both backends."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from storywire.clock import utcnow
from storywire.errors import AuthError, InputError, NotFound
from storywire.models import Assignment, Extracted
from storywire.store.app_passwords import fever_api_key
from storywire.store.reading import UNREAD_DAYS, StreamQuery
from storywire.store.schema import metadata

PASSWORD = "correct horse battery"
READING_TABLES = {"article_states", "article_labels", "reading_lists", "user_feeds", "app_passwords"}


def _article(store, conn, n: int, feed_id: int | None, days_old: float = 0.0, source: str = "Wire") -> int:
    published = utcnow() - timedelta(days=days_old, minutes=n)
    ex = Extracted(origin=f"t{n}", text=f"Body number {n} about a harbour, a ferry and {n} lanterns.",
                   title=f"Headline {n}", url=f"https://news.example/{n}", source=source, published=published,
                   feed_id=feed_id)
    result = store.upsert_article(conn, ex)
    assert result.status == "ingested"
    return result.article_id


@pytest.fixture
def world(store):
    """Two users, two feeds (categories World and Local), articles recent and old, one story."""
    with store.atomic() as conn:
        alice = store.create_user(conn, "alice", PASSWORD)
        bob = store.create_user(conn, "bob", PASSWORD)
        world_feed, _ = store.add_feed(conn, "https://world.example/feed.xml", title="World Wire", category="World")
        local_feed, _ = store.add_feed(conn, "https://local.example/rss", title="Local Paper", category="Local")
        recent = [_article(store, conn, n, world_feed) for n in range(3)]
        local = [_article(store, conn, 10 + n, local_feed, source="Local Paper") for n in range(2)]
        old = _article(store, conn, 20, world_feed, days_old=UNREAD_DAYS + 1)
        loose = _article(store, conn, 30, None, source="Files")  # from a file: in no reading list
        store.apply_assignments(conn, [Assignment(recent[0], 1, True), Assignment(local[0], 1, False)])
    return {"store": store, "alice": alice, "bob": bob, "world": world_feed, "local": local_feed,
            "recent": recent, "local_ids": local, "old": old, "loose": loose}


def test_a_new_reader_follows_every_feed_and_has_two_weeks_unread(world):
    store, alice = world["store"], world["alice"]
    with store.read() as conn:
        subs = store.list_subscriptions(conn, alice)
        counts = store.unread_counts(conn, alice)
    assert [(s.title, s.folder) for s in subs] == [("Local Paper", "Local"), ("World Wire", "World")]
    assert counts.total == 5  # the old article and the file's one are not unread
    assert counts.feeds == {world["world"]: 3, world["local"]: 2}
    assert counts.folders == {"World": 3, "Local": 2}
    assert set(counts.newest) == {world["world"], world["local"]}


def test_marking_read_and_unread_changes_only_that_readers_counts(world):
    store, alice, bob = world["store"], world["alice"], world["bob"]
    with store.atomic() as conn:
        assert store.mark_read(conn, alice, [world["recent"][0], world["local_ids"][0], 999_999]) == 2
        store.mark_read(conn, alice, [world["old"]], read=False)  # an old one kept unread on purpose
    with store.read() as conn:
        mine, theirs = store.unread_counts(conn, alice), store.unread_counts(conn, bob)
        states = store.article_read_states(conn, alice, [world["recent"][0], world["recent"][1], world["old"]])
    assert (mine.total, mine.feeds[world["world"]], mine.folders["Local"]) == (4, 3, 1)
    assert theirs.total == 5
    assert states == {world["recent"][0]: (True, False), world["recent"][1]: (False, False),
                      world["old"]: (False, False)}
    with store.atomic() as conn:
        store.mark_read(conn, alice, [world["recent"][0]], read=False)
    with store.read() as conn:
        assert store.unread_counts(conn, alice).total == 5


def test_subscriptions_are_personal_and_fetching_shared(world):
    store, alice, bob = world["store"], world["alice"], world["bob"]
    with store.atomic() as conn:
        sub, new = store.subscribe(conn, alice, "https://tech.example/atom", folder=" Tech  news ", title="Tech")
        again, new_again = store.subscribe(conn, bob, "https://tech.example/atom")
        store.unsubscribe(conn, alice, world["local"])
        store.move_subscription(conn, alice, world["world"], "Tech news")
        store.rename_subscription(conn, alice, world["world"], "My world")
    assert new and new_again and sub.feed_id == again.feed_id  # one shared feed row
    with store.read() as conn:
        assert store.count_feeds(conn) == 3
        alices = store.list_subscriptions(conn, alice)
        bobs = store.list_subscriptions(conn, bob)
        assert store.folders(conn, alice) == ["Tech news"]
        assert store.unread_counts(conn, alice).total == 3  # Local left her list, not Bob's
        assert store.unread_counts(conn, bob).total == 5
    assert [(s.title, s.folder, s.custom_title) for s in alices] == [("My world", "Tech news", "My world"),
                                                                     ("Tech", "Tech news", "Tech")]
    assert {s.url for s in bobs} == {"https://world.example/feed.xml", "https://local.example/rss",
                                     "https://tech.example/atom"}
    with store.atomic() as conn:
        assert store.rename_folder(conn, alice, "Tech news", "Reading") == 2
        store.rename_subscription(conn, alice, world["world"], "")
        assert store.rename_folder(conn, alice, "Reading", None) == 2  # folder removed, feeds kept
        carol = store.create_user(conn, "carol", PASSWORD)
    with store.read() as conn:
        assert [(s.title, s.folder) for s in store.list_subscriptions(conn, alice)] == [
            ("Tech", None), ("World Wire", None)]
        # a feed a reader brought is not pushed into everybody's list
        assert [s.title for s in store.list_subscriptions(conn, carol)] == ["Local Paper", "World Wire"]
    with store.atomic() as conn:
        store.unsubscribe(conn, alice, sub.feed_id)  # Bob still reads it: it stays, now his
        assert store.count_feeds(conn) == 3
        store.unsubscribe(conn, bob, sub.feed_id)  # its last reader left: no longer fetched
        assert store.count_feeds(conn) == 2


def test_subscription_mistakes_are_clear_errors(world):
    store, alice = world["store"], world["alice"]
    with store.atomic() as conn:
        with pytest.raises(InputError, match="not an http"):
            store.subscribe(conn, alice, "javascript:alert(1)")
        with pytest.raises(NotFound, match="do not follow"):
            store.unsubscribe(conn, alice, 424242)
        with pytest.raises(NotFound, match="no folder"):
            store.rename_folder(conn, alice, "Nowhere", "Else")
        with pytest.raises(InputError, match="label"):
            store.set_labels(conn, alice, world["recent"], add=["  "])


def test_a_read_story_that_gets_a_new_article_comes_back_updated(world):
    store, alice = world["store"], world["alice"]
    with store.read() as conn:
        assert store.story_read_state(conn, alice, [1, 77]) == {1: store_state("unread")}
    with store.atomic() as conn:
        store.mark_all_read(conn, alice, story_id=1)
    with store.read() as conn:
        assert store.story_read_state(conn, alice, [1])[1].state == "read"
    with store.atomic() as conn:
        newcomer = _article(store, conn, 40, world["world"])
        store.apply_assignments(conn, [Assignment(newcomer, 1, False)])
    with store.read() as conn:
        state = store.story_read_state(conn, alice, [1])[1]
    assert (state.state, state.new_article_ids) == ("updated", (newcomer,))


def store_state(kind):
    from storywire.store.reading import StoryReadState

    return StoryReadState(kind)


def test_starred_articles_are_saved_and_keep_their_read_state(world):
    store, alice = world["store"], world["alice"]
    first, second = world["recent"][0], world["old"]
    with store.atomic() as conn:
        store.set_starred(conn, alice, [first])
        store.set_starred(conn, alice, [second])
    with store.read() as conn:
        saved = store.saved_articles(conn, alice)
        assert store.count_saved(conn, alice) == 2
        assert store.unread_counts(conn, alice).total == 5  # starring marks nothing read or unread
    assert [a.id for a in saved] == [second, first]  # most recently starred first
    assert saved[0].read and not saved[1].read and all(a.starred for a in saved)
    assert saved[1].feed_title == "World Wire" and saved[1].story_id == 1
    with store.atomic() as conn:
        store.set_starred(conn, alice, [second], starred=False)
    with store.read() as conn:
        assert [a.id for a in store.saved_articles(conn, alice)] == [first]
        assert store.saved_articles(conn, world["bob"]) == []


def test_labels_make_their_own_stream(world):
    store, alice = world["store"], world["alice"]
    ids = world["recent"][:2]
    with store.atomic() as conn:
        store.set_labels(conn, alice, ids + [world["loose"]], add=["Follow up", "Ferries"])
        store.set_labels(conn, alice, [ids[1]], remove=["Ferries"])
    with store.read() as conn:
        assert store.labels(conn, alice) == ["Ferries", "Follow up"]
        follow = store.stream(conn, alice, StreamQuery(label="Follow up"), 10)
        ferries = store.stream(conn, alice, StreamQuery(label="Ferries"), 10)
        items = store.reading_items(conn, alice, [ids[0]])
    assert {e.article_id for e in follow} == set(ids) | {world["loose"]}
    assert {e.article_id for e in ferries} == {ids[0], world["loose"]}
    assert items[0].labels == ("Ferries", "Follow up")


def test_streams_page_with_a_key_and_filter(world):
    store, alice = world["store"], world["alice"]
    with store.atomic() as conn:
        more = [_article(store, conn, 50 + n, world["world"]) for n in range(7)]
    everything = set(world["recent"]) | set(world["local_ids"]) | {world["old"]} | set(more)
    for oldest_first in (False, True):
        seen, after = [], None
        with store.read() as conn:
            while True:
                page = store.stream(conn, alice, StreamQuery(oldest_first=oldest_first), 4, after)
                if not page:
                    break
                seen += page
                after = page[-1]
        assert {e.article_id for e in seen} == everything and len(seen) == len(everything)
        times = [e.time for e in seen]
        assert times == sorted(times, reverse=not oldest_first)
    with store.atomic() as conn:
        store.mark_read(conn, alice, more[:3])
    with store.read() as conn:
        unread = store.stream(conn, alice, StreamQuery(feed_id=world["world"], only="unread"), 50)
        read = store.stream(conn, alice, StreamQuery(only="read"), 50)
        local = store.stream(conn, alice, StreamQuery(folder="Local"), 50)
        recent = store.stream(conn, alice, StreamQuery(since=utcnow() - timedelta(days=1)), 50)
    assert {e.article_id for e in unread} == set(world["recent"]) | set(more[3:])
    assert {e.article_id for e in read} == set(more[:3]) | {world["old"]}
    assert {e.article_id for e in local} == set(world["local_ids"])
    assert world["old"] not in {e.article_id for e in recent} and len(recent) == len(everything) - 1


def test_mark_all_read_by_feed_folder_and_time(world):
    store, alice = world["store"], world["alice"]
    with store.atomic() as conn:
        assert store.mark_all_read(conn, alice, folder="Local") == 2
        assert store.mark_all_read(conn, alice, feed_id=world["world"], before=utcnow() - timedelta(days=1)) == 0
    with store.read() as conn:
        assert store.unread_counts(conn, alice).feeds == {world["world"]: 3}
    with store.atomic() as conn:
        assert store.mark_all_read(conn, alice) == 3
    with store.read() as conn:
        assert store.unread_counts(conn, alice).total == 0
        assert store.unread_counts(conn, world["bob"]).total == 5


def test_app_passwords_give_tokens_until_revoked(world):
    store, alice = world["store"], world["alice"]
    with store.atomic() as conn:
        password = store.create_app_password(conn, alice, "phone")
    user, token = store.check_app_password("alice", password)
    assert user["id"] == alice and token.startswith("alice/")
    for name, wrong in (("alice", PASSWORD), ("alice", password + "x"), ("bob", password), ("nobody", password)):
        with pytest.raises(AuthError, match="wrong user name or app password"):
            store.check_app_password(name, wrong)
    with store.read() as conn:
        assert store.user_for_reader_token(conn, token)["name"] == "alice"
        assert store.user_for_fever_key(conn, fever_api_key("alice", password).upper())["id"] == alice
        assert store.user_for_reader_token(conn, token + "0") is None
        listed = store.list_app_passwords(conn, alice)
    assert [(p["name"], p["last_used"] is not None) for p in listed] == [("phone", True)]
    with store.atomic() as conn:
        with pytest.raises(NotFound):
            store.revoke_app_password(conn, world["bob"], listed[0]["id"])
        store.revoke_app_password(conn, alice, listed[0]["id"])
    with store.read() as conn:
        assert store.user_for_reader_token(conn, token) is None
        assert store.user_for_fever_key(conn, fever_api_key("alice", password)) is None


def test_deleting_a_user_deletes_their_reading_state(world):
    store, bob = world["store"], world["bob"]
    with store.atomic() as conn:
        store.mark_read(conn, bob, world["recent"])
        store.set_labels(conn, bob, world["recent"], add=["x"])
        store.subscribe(conn, bob, "https://tech.example/atom")
        store.create_app_password(conn, bob)
        store.delete_user(conn, bob)
    with store.read() as conn:
        for table in READING_TABLES:
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
        assert store.count_feeds(conn) == 3  # the shared feed stays


def test_the_migration_builds_the_reading_tables_as_declared(store):
    with store.read() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    mine = [d for d in diffs if any(t in repr(d) for t in READING_TABLES)]
    assert mine == []
