"""A small cache for ranked pages, valid until the stories change.

Ranking reads every candidate story's articles (hundreds of stories, thousands of rows): too much to
redo for every reader opening the front page. The result only changes when stories change or as time
passes (recency decays), so an entry is reused while the store's story version (``Store.story_version``:
the newest story update and analysis) is the same and it is younger than ``ttl`` seconds. A reader's
"For you" key also holds their follows, mutes and opened stories, so their own actions show at once.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class TTLCache:
    def __init__(self, ttl: float = 60.0, size: int = 256):
        self.ttl = ttl
        self.size = size
        self._data: OrderedDict[Hashable, tuple[float, Any, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, version: Any, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            found = self._data.get(key)
            if found is not None and found[1] == version and now - found[0] < self.ttl:
                self._data.move_to_end(key)
                self.hits += 1
                return found[2]
            self.misses += 1
        value = compute()  # outside the lock: two readers may compute at once, neither waits
        with self._lock:
            self._data[key] = (now, version, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value
