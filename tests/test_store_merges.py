"""Story merges written with the assignments of a chunk: the store ends as if each assignment were applied in
turn, whatever chain of merges the chunk holds (both backends)."""
from __future__ import annotations

from datetime import UTC, datetime

from storywire.models import Assignment, Extracted

T0 = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)


def _stored(store, n: int) -> list[int]:
    with store.atomic() as conn:
        results = store.upsert_articles(conn, [
            Extracted(origin=f"in:{i}", text=f"Report number {i} on the harbour strike, day {i}.", title=f"Strike {i}",
                      external_id=f"s{i}", source=f"Outlet {i % 3}", published=T0) for i in range(n)])
    return [r.article_id for r in results]


def _state(store, ids: list[int], story_ids: list[int]) -> tuple[list, list, list]:
    with store.read() as conn:
        placed = [store.story_of(conn, aid) for aid in ids]
        merges = store.merges_since(conn, T0.replace(year=2000))
        analysed = [sid for sid in story_ids if store.get_analysis(conn, sid) is not None]
    return placed, merges, analysed


def test_a_chain_of_merges_in_one_chunk_ends_as_applied_one_by_one(store):
    ids = _stored(store, 7)
    a, b, c, d = 101, 102, 103, 104
    with store.atomic() as conn:  # an earlier chunk: stories a and b, analysed
        store.apply_assignments(conn, [Assignment(ids[0], a, True), Assignment(ids[1], a, False),
                                       Assignment(ids[2], b, True)])
        store.save_analysis(conn, a, {"summary": []})
        store.save_analysis(conn, b, {"summary": []})
    with store.atomic() as conn:  # this chunk: c new; b takes a; c takes b (so a's articles end in c); d apart
        store.apply_assignments(conn, [
            Assignment(ids[3], c, True),
            Assignment(ids[4], b, False, merged_story_ids=(a,)),
            Assignment(ids[5], c, False, merged_story_ids=(b,)),
            Assignment(ids[6], d, True)])
        store.refresh_stories(conn, {a, b, c, d})
    placed, merges, analysed = _state(store, ids, [a, b, c, d])
    assert placed == [c, c, c, c, c, c, d]
    assert merges == [(a, b), (b, c)]  # as recorded: each story merged into the one it joined, in order
    assert analysed == []  # the merged stories' analyses are gone; c and d were never analysed
    with store.read() as conn:
        assert store.get_story(conn, c).article_count == 6 and store.get_story(conn, d).article_count == 1
        assert {s.id for s in store.list_stories(conn, limit=10)} == {c, d}


def test_catch_up_reads_back_only_what_other_writers_clustered(store, monkeypatch):
    ids = _stored(store, 6)
    with store.atomic() as conn:  # our chunk
        ours = store.apply_assignments(conn, [Assignment(ids[0], 201, True), Assignment(ids[1], 201, False)])
    with store.atomic() as conn:  # another writer's chunk
        theirs = store.apply_assignments(conn, [Assignment(ids[2], 202, True)])
    since = T0.replace(year=2000)
    with store.read() as conn:
        everything = store.clustered_since(conn, since)
        assert [aid for aid, _ in everything] == ids[:3]
        assert store.clustered_since(conn, since, {ours: 2}) == everything[2:]
        assert store.clustered_since(conn, since, {ours: 2, theirs: 1}) == []
    # another writer's chunk stamped the very time of ours (two machines' clocks): none of it is missed
    monkeypatch.setattr("storywire.store.stories.utcnow", lambda: ours)
    with store.atomic() as conn:
        store.apply_assignments(conn, [Assignment(ids[3], 203, True)])
    with store.read() as conn:
        assert [aid for aid, _ in store.clustered_since(conn, since, {ours: 2, theirs: 1})] == [ids[0], ids[1], ids[3]]
