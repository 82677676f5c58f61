"""One collection pass: due feeds -> fetch -> parse -> (full text) -> the pipeline -> feed health.

Fetching is concurrent (asyncio, the limits of ingest.fetch), and so is extraction (in the worker
processes, as each feed arrives); storing is sequential, one feed at a time in a thread, while the next
feeds download. Stored articles are clustered every CLUSTER_EVERY new ones and at the end of the pass
(many feeds' at once, in their own time order). A feed's validators (ETag, Last-Modified)
and "last success" are written only after its articles are committed, so an interrupted pass loses
nothing: the feed is simply fetched in full again next time. Stopping (``stop`` set, e.g. by
SIGTERM) cancels downloads in progress and finishes the feed being stored.
"""
from __future__ import annotations

import asyncio
import html as htmllib
import logging
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..clock import utcnow
from ..config import Settings
from ..errors import InputError
from ..extract import outlets
from ..models import Extracted, RawItem, Rejected
from ..parallel import StageFailure, start_workers, submit_chunk
from ..store import Store
from ..store.subscriptions import FeedInfo
from ..words import plural, shorten
from .discover import canonical_url, find_canonical, same_site
from .feed_parser import Feed, FeedEntry, parse_feed, sniff
from .fetch import PAGE_ACCEPT, Fetcher, FetchResult

log = logging.getLogger(__name__)

CLUSTER_EVERY = 500  # new articles a pass stores between two clusterings (and once more at its end)
TEASER_CHARS = 600  # an entry body shorter than this (as text) is a teaser, not the article
_TEASER_END = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\]|read more\W*|continue reading\W*|more »)\s*$", re.I)


@dataclass
class CollectSummary:
    """What one pass did; ``errors`` pairs a feed URL with the reason it failed."""

    feeds: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    entries: int = 0
    pages_fetched: int = 0
    new_articles: int = 0
    revised: int = 0
    unchanged: int = 0
    rejected: int = 0
    stories_analysed: int = 0
    interrupted: bool = False
    offline: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{plural(self.feeds, 'feed')}: {self.ok} ok, {self.not_modified} unchanged, {self.failed} failed; "
                f"{plural(self.new_articles, 'new article')}, {self.revised} revised, {self.rejected} rejected")
        if self.stories_analysed:
            text += f"; {plural(self.stories_analysed, 'story', 'stories')} analysed"
        return text + (" (interrupted)" if self.interrupted else "")


@dataclass
class _Outcome:
    feed: FeedInfo
    result: FetchResult
    parsed: Feed | None = None
    items: list[RawItem | Rejected] = field(default_factory=list)
    error: str | None = None
    pages: int = 0
    entry_of: dict[str, str] = field(default_factory=dict)  # item origin -> entry id
    fallbacks: dict[str, tuple[str, RawItem]] = field(default_factory=dict)  # origin -> (page URL, entry content)
    prepared: list[tuple[Extracted, bool] | Rejected] | None = None  # the items extracted in the workers


def _text_of(fragment: str | None) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment or ""))).strip()


def is_teaser(entry: FeedEntry) -> bool:
    """Whether the feed gives only the start of the article (short, or ending in "…"/"Read more")."""
    text = _text_of(entry.content_html or entry.summary)
    return len(text) < TEASER_CHARS or bool(_TEASER_END.search(text))


def outlet_name(feed: FeedInfo, parsed: Feed | None) -> str:
    """The name a feed's articles are stored under: the one given, else the feed's title (both stated,
    lightly cleaned), else the known outlet or registrable domain of its site (extract.outlets), else its host."""
    stated = feed.source or (parsed.title if parsed else None)
    site = (parsed.site_url if parsed else None) or feed.url
    name = outlets.outlet_name(stated, None, site) or outlets.outlet_name(None, None, feed.url)
    return name or shorten(urlsplit(feed.url).hostname or feed.url, outlets.STATED_CHARS)


def _wrap(title: str | None, body: str) -> str:
    """Entry content as a small page, so extraction treats it like any other HTML."""
    head = f"<title>{htmllib.escape(title)}</title>" if title else ""
    h1 = f"<h1>{htmllib.escape(title)}</h1>" if title else ""
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head>"
            f"<body><article>{h1}{body}</article></body></html>")


class Collector:
    """Runs passes over one store; keep one per process (the pipeline keeps the clustering state)."""

    def __init__(self, store: Store, settings: Settings, pipeline=None, fetcher_options: dict | None = None):
        from ..pipeline import Pipeline

        self.store = store
        self.settings = settings
        self.pipeline = pipeline or Pipeline(store, settings)
        self.fetcher_options = fetcher_options or {}
        # remembered for the life of the process, so a long-running service does not redo hopeless work:
        self._unusable_pages: set[str] = set()  # article pages that gave no text (paywalls): use the entry
        self._rejected_entries: set[tuple[int, str]] = set()  # entries with nothing usable at all
        self._unclustered = 0  # new articles stored since the pass last clustered

    # -- public ---------------------------------------------------------------------------------
    def run(self, feeds: Sequence[FeedInfo] | None = None, stop: threading.Event | None = None,
            on_feed: Callable[[FeedInfo, str], None] | None = None, on_start: Callable[[int], None] | None = None,
            analyse: bool | None = None) -> CollectSummary:
        """One pass over ``feeds`` (default: the due ones). Blocking; safe to call from any thread."""
        return asyncio.run(self.run_async(feeds, stop, on_feed, on_start, analyse))

    async def run_async(self, feeds: Sequence[FeedInfo] | None = None, stop: threading.Event | None = None,
                        on_feed: Callable[[FeedInfo, str], None] | None = None,
                        on_start: Callable[[int], None] | None = None, analyse: bool | None = None) -> CollectSummary:
        stop = stop or threading.Event()
        if feeds is None:
            with self.store.read() as conn:
                feeds = self.store.due_feeds(conn, utcnow())
        summary = CollectSummary(feeds=len(feeds))
        if on_start:
            on_start(len(feeds))
        failures: list[_Outcome] = []
        queue: asyncio.Queue[_Outcome | None] = asyncio.Queue(maxsize=max(2, self.settings.fetch_concurrency))
        # fetched-but-unstored feeds are held in memory: bound them (storing is slower than fetching)
        in_flight = asyncio.Semaphore(max(2, self.settings.fetch_concurrency))
        async with Fetcher(self.settings, **self.fetcher_options) as fetcher:
            async def produce(feed: FeedInfo) -> None:
                async with in_flight:
                    try:
                        outcome = await self._fetch_feed(fetcher, feed)
                    except asyncio.CancelledError:
                        raise
                    except Exception as exc:  # a bug must cost one feed, not the pass
                        log.exception("collecting %s failed", feed.url)
                        outcome = _Outcome(feed, FetchResult(feed.url), error=f"unexpected error: {exc!r}")
                    await queue.put(outcome)

            tasks = [asyncio.create_task(produce(f)) for f in feeds]
            watcher = asyncio.create_task(self._watch(stop, tasks))

            async def close_queue() -> None:
                await asyncio.gather(*tasks, return_exceptions=True)
                await queue.put(None)

            closer = asyncio.create_task(close_queue())
            while (outcome := await queue.get()) is not None:
                if stop.is_set():
                    continue  # fetched but not stored: nothing recorded, so it is fetched again next time
                if outcome.error:
                    failures.append(outcome)
                    summary.failed += 1
                    summary.errors.append((outcome.feed.url, outcome.error))
                    if on_feed:
                        on_feed(outcome.feed, "failed")
                    continue
                status = await asyncio.to_thread(self._store_outcome, outcome, summary)
                if self._unclustered >= CLUSTER_EVERY:
                    await asyncio.to_thread(self._cluster)
                if on_feed:
                    on_feed(outcome.feed, status)
            await closer
            watcher.cancel()
        summary.interrupted = stop.is_set()
        if not summary.interrupted:  # interrupted: what it stored is left pending for the next pass
            await asyncio.to_thread(self._cluster)
        if failures:
            # every feed failing on the network at once means our connection is down: no back-off
            summary.offline = (summary.ok + summary.not_modified == 0 and len(failures) >= 2
                               and all(o.result.unreachable for o in failures))
            await asyncio.to_thread(self._record_failures, failures, not summary.offline,
                                    self.settings.poll_min_minutes * 60 if summary.offline else None)
        if not summary.interrupted and (self.settings.analyse if analyse is None else analyse) \
                and (summary.new_articles or summary.revised):
            summary.stories_analysed = await asyncio.to_thread(self.pipeline.analyse_pending)
        return summary

    # -- fetching ---------------------------------------------------------------------------------
    @staticmethod
    async def _watch(stop: threading.Event, tasks: list[asyncio.Task]) -> None:
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()

    async def _fetch_feed(self, fetcher: Fetcher, feed: FeedInfo) -> _Outcome:
        result = await fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        outcome = _Outcome(feed, result)
        if not result.ok:
            outcome.error = result.error
            return outcome
        if result.not_modified:
            return outcome
        try:
            # feedparser is CPU-bound (~100 ms for 50 entries): off the event loop, so downloads keep flowing
            outcome.parsed = await asyncio.to_thread(parse_feed, result.body, result.final_url or feed.url,
                                                     result.content_type)
        except InputError as exc:
            outcome.error = str(exc)
            return outcome
        entries = outcome.parsed.entries
        urls = {e.id: canonical_url(e.link) if e.link else None for e in entries}
        source = outlet_name(feed, outcome.parsed)
        known_urls, known_ids = await asyncio.to_thread(self._known, source, list(urls.values()), list(urls))
        fresh = [e for e in entries if e.id not in known_ids and (feed.id, e.id) not in self._rejected_entries
                 and (urls[e.id] is None or urls[e.id] not in known_urls)]
        items = await asyncio.gather(*(self._item(fetcher, feed, outcome.parsed, e, urls[e.id]) for e in fresh))
        for entry, (item, fetched_page, fallback) in zip(fresh, items, strict=True):
            outcome.items.append(item)
            outcome.entry_of[item.origin] = entry.id
            outcome.pages += fetched_page
            if fallback is not None:
                outcome.fallbacks[item.origin] = fallback
        outcome.prepared = await self._prepare(outcome.items)
        return outcome

    async def _prepare(self, items: list[RawItem | Rejected]) -> list[tuple[Extracted, bool] | Rejected] | None:
        """The items extracted and checked in the worker processes while other feeds download and the
        storing thread stores, in order; None (the pipeline prepares them as it stores them) with no
        workers, when a worker died, or when the workers were stopped."""
        from ..pipeline import PREPARE_CHUNK, batched

        workers = self.pipeline.workers
        if workers <= 0 or not items:
            return None
        start_workers(workers)
        chunks = list(batched(items, PREPARE_CHUNK))
        try:  # sending may wait for the workers to start: off the event loop
            futures = [await asyncio.to_thread(submit_chunk, self.pipeline.prepare_job, chunk, workers)
                       for chunk in chunks]
            done = [await asyncio.wrap_future(future) for future in futures]
        except (BrokenProcessPool, RuntimeError):  # a worker died; or the pool was shut down (stopping)
            return None
        return [Rejected(item.origin, f"extraction failed ({result.reason})") if isinstance(result, StageFailure)
                else result for chunk, results in zip(chunks, done, strict=True)
                for item, result in zip(chunk, results, strict=True)]

    def _known(self, source: str, urls: list[str | None], ids: list[str]) -> tuple[set[str], set[str]]:
        with self.store.read() as conn:
            return (self.store.known_urls(conn, [u for u in urls if u]),
                    self.store.known_external_ids(conn, source, ids))

    async def _item(self, fetcher: Fetcher, feed: FeedInfo, parsed: Feed, entry: FeedEntry,
                    url: str | None) -> tuple[RawItem | Rejected, int, tuple[str, RawItem] | None]:
        """The entry as a RawItem: its article page when the feed has only a teaser, else its content.

        Also returns whether a page was fetched and, for a page, the entry-content item to fall back on
        if the page yields no article text. An entry with a title and no usable text is a headline-only
        item. The entry's date is the entry content's own; for its page, it comes after the page's date
        and a date in the page's URL."""
        origin = f"{feed.url} entry {entry.id}"
        source = outlet_name(feed, parsed)
        common = RawItem(origin=origin, kind="html", external_id=entry.id, source=source, title=entry.title,
                         published=entry.published, authors=entry.authors, feed_id=feed.id)
        body = entry.content_html or entry.summary or ""
        problem = "the entry has no content"
        own = replace(common, html=_wrap(entry.title, body), url=url) if _text_of(body) else None
        if self.settings.full_text and url and url not in self._unusable_pages and is_teaser(entry):
            page = await fetcher.fetch(url, accept=PAGE_ACCEPT)
            if page.ok and not page.not_modified and sniff(page.body, page.content_type) == "html":
                text = page.text()
                final = page.final_url or url
                page_url = canonical_url(final)  # after redirects (feed proxies, shorteners)
                canonical = find_canonical(text, final)
                if canonical and same_site(canonical, final):
                    page_url = canonical_url(canonical)
                # with the entry's content to fall back on, a page without text is refused (not headline-only)
                item = replace(common, html=text, url=page_url, published=None, entry_published=entry.published,
                               allow_headline_only=own is None)
                return item, 1, ((url, own) if own is not None else None)
            problem = f"its page could not be used ({page.error or 'not an HTML page'})"
        if own is not None:
            return own, 0, None
        if entry.title:
            return replace(common, kind="text", text="", url=url), 0, None
        return Rejected(origin, f"{problem} and no title; nothing to store"), 0, None

    # -- storing ----------------------------------------------------------------------------------
    def _store_outcome(self, outcome: _Outcome, summary: CollectSummary) -> str:
        """Ingest one feed's items, then (only then) record its success. Returns "ok" or "unchanged"."""
        feed, result = outcome.feed, outcome.result
        now = utcnow()
        try:
            if outcome.items:
                self._ingest(outcome, summary)
            parsed = outcome.parsed
            with self.store.atomic() as conn:
                updates: dict = {}
                if parsed is not None:
                    if not feed.source:
                        updates["source"] = outlet_name(feed, parsed)
                    if parsed.title and not feed.title:
                        updates["title"] = parsed.title
                    if parsed.site_url and not feed.site_url:
                        updates["site_url"] = parsed.site_url
                moved = result.permanent_redirect
                if moved and moved != feed.url:
                    taken = self.store.known_feed_url(conn, moved)
                    if not taken:
                        updates["url"] = moved
                        log.info("feed %s moved permanently to %s", feed.url, moved)
                self.store.update_feed(conn, feed.id, **updates)
                self.store.record_fetch_success(
                    conn, feed.id, now=now, etag=result.etag, last_modified=result.last_modified,
                    entry_times=[e.published for e in parsed.entries] if parsed else [],
                    new_entries=len(outcome.items), not_modified=result.not_modified,
                    min_interval_s=self.settings.poll_min_minutes * 60,
                    max_interval_s=self.settings.poll_max_minutes * 60)
        except Exception as exc:  # a store failure for one feed must not end the pass
            log.exception("storing feed %s failed", feed.url)
            outcome.error = f"storing failed: {exc}"
            summary.failed += 1
            summary.errors.append((feed.url, outcome.error))
            return "failed"
        summary.entries += len(parsed.entries) if parsed else 0
        summary.pages_fetched += outcome.pages
        if result.not_modified:
            summary.not_modified += 1
            return "unchanged"
        summary.ok += 1
        return "ok"

    def _ingest(self, outcome: _Outcome, summary: CollectSummary) -> None:
        """Store the items; a page with no article text (paywall, consent wall) falls back to the entry."""
        retry: list[RawItem] = []
        for round_items in (outcome.items, retry):
            if not round_items:
                continue
            if round_items is outcome.items and outcome.prepared is not None:
                done = self.pipeline.ingest_prepared(outcome.prepared)
            else:
                done = self.pipeline.ingest(round_items, cluster=False, analyse=False)
            self._unclustered += done.counts["ingested"]
            summary.new_articles += done.counts["ingested"]
            summary.revised += done.counts["revised"]
            summary.unchanged += done.counts["unchanged"]
            for rejected in done.rejected:
                fallback = outcome.fallbacks.pop(rejected.origin, None)
                if fallback is not None and round_items is outcome.items:
                    self._unusable_pages.add(fallback[0])
                    retry.append(fallback[1])
                    continue
                summary.rejected += 1
                entry_id = outcome.entry_of.get(rejected.origin)
                if entry_id is not None:
                    self._rejected_entries.add((outcome.feed.id, entry_id))
        for remembered in (self._unusable_pages, self._rejected_entries):
            if len(remembered) > 200_000:  # bound the memory of a service running for months
                remembered.clear()

    def _cluster(self) -> None:
        """Cluster the stored articles in no story yet: many feeds' at once, in their own time order (the story
        engine's text features then go to the worker processes, and it catches up with other writers once for
        all of them, not once per feed). A failure leaves them pending for the next pass."""
        self._unclustered = 0
        try:
            self.pipeline.cluster_pending()
        except Exception:
            log.exception("clustering failed; the articles stay pending for the next pass")

    def _record_failures(self, failures: list[_Outcome], count: bool, retry_after: float | None) -> None:
        with self.store.atomic() as conn:
            for o in failures:
                wait = retry_after if retry_after is not None else o.result.retry_after
                self.store.record_fetch_failure(conn, o.feed.id, o.error or "failed", count=count, retry_after=wait)
