"""Failed-login limits: after a few wrong passwords a growing pause, then a lock.

Wrong passwords are counted per account name and per client address. After FREE failures within
WINDOW seconds, each further try must wait 1, 2, 4... seconds; LOCK_AFTER failures lock the account
(or address) for LOCK_FOR seconds, when even the right password is refused. A success clears the
account's count, not the address's (an address logging in to its own account must not earn more
guesses at others). A try is counted when it starts, so parallel guesses cannot slip past the count;
tries refused while waiting are not counted.

The counts live in memory, per server process (a restart forgets them); at most ``max_keys`` are
kept, least recently failed dropped first, and idle ones expire.
"""
from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from fastapi import Request

from ..errors import StorywireError
from ..words import plural

FREE = 5
LOCK_AFTER = 10
WINDOW_S = 15 * 60.0
LOCK_FOR_S = 15 * 60.0
MAX_KEYS = 10_000


class TooManyLogins(StorywireError):
    """Too many wrong passwords for an account or from an address: answered 429 with Retry-After."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


@dataclass
class _Tally:
    failures: list[float] = field(default_factory=list)  # times of the failures since the last lock
    last: float = 0.0  # time of the last failure
    until: float = 0.0  # no try before this time


class Try(NamedTuple):
    """A login try let through by :meth:`LoginLimits.attempt`: when it was counted, and the tallies before."""

    at: float
    before: dict[str, _Tally | None]


class LoginLimits:
    """The failure counts of one server process; ``clock`` gives monotonic seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS):
        self.clock = clock
        self.max_keys = max_keys
        self._tallies: OrderedDict[str, _Tally] = OrderedDict()  # least recently failed first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._tallies)

    def attempt(self, keys: dict[str, str]) -> Try:
        """Let a try through, counted at once as a failure against every key (so parallel guesses are
        all counted before any password is checked); raises TooManyLogins while a key must wait."""
        now = self.clock()
        with self._lock:
            for what, key in keys.items():
                tally = self._tallies.get(key)
                wait = max(0.0, tally.until - now) if tally else 0.0
                if wait > 0:
                    raise TooManyLogins(f"too many failed logins {what}; try again in {_later(wait)}", wait)
            before = {key: replace(t, failures=list(t.failures)) if (t := self._tallies.get(key)) else None
                      for key in keys.values()}
            self._count(keys.values(), now)
        return Try(now, before)

    def failed(self, keys: Iterable[str]) -> None:
        """Count a wrong password against each key."""
        with self._lock:
            self._count(keys, self.clock())

    def succeeded(self, account: str, attempt: Try) -> None:
        """The password was right: the account's count is cleared; from the other keys (the address)
        only this try's count is taken back, so failures counted meanwhile by parallel tries stay."""
        with self._lock:
            self._tallies.pop(account, None)
            for key, before in attempt.before.items():
                tally = self._tallies.get(key)
                if key == account or tally is None:
                    continue
                if attempt.at in tally.failures:
                    tally.failures.remove(attempt.at)
                    n = len(tally.failures)
                    tally.until = tally.failures[-1] + 2.0 ** (n - FREE) if n >= FREE else 0.0
                elif not tally.failures and tally.until == attempt.at + LOCK_FOR_S:  # this try locked it
                    self._tallies.pop(key)
                    if before is not None:
                        self._tallies[key] = before

    def _count(self, keys: Iterable[str], now: float) -> None:
        self._expire(now)
        for key in keys:
            tally = self._tallies.pop(key, None) or _Tally()
            tally.failures = [t for t in tally.failures if now - t < WINDOW_S] + [now]
            tally.last = now
            if len(tally.failures) >= LOCK_AFTER:
                tally.failures, tally.until = [], now + LOCK_FOR_S
            elif len(tally.failures) >= FREE:
                tally.until = now + 2.0 ** (len(tally.failures) - FREE)
            self._tallies[key] = tally
        while len(self._tallies) > self.max_keys:
            self._tallies.popitem(last=False)

    def _expire(self, now: float) -> None:
        """Drop the tallies that no longer hold anything back (they sit first: oldest failure first)."""
        idle = max(WINDOW_S, LOCK_FOR_S)
        while self._tallies and now - next(iter(self._tallies.values())).last >= idle:
            self._tallies.popitem(last=False)


def _later(seconds: float) -> str:
    if seconds <= 60:
        n, unit = max(1, math.ceil(seconds)), "second"
    else:
        n, unit = math.ceil(seconds / 60), "minute"
    return plural(n, unit)


def authenticate(request: Request, name: str, password: str) -> dict:
    """The user when the password is right and neither the account nor the client's address must
    wait; else TooManyLogins, or AuthError (counted against both)."""
    limits: LoginLimits = request.app.state.logins
    address = request.client.host if request.client else ""
    keys = {"for this account": "user:" + name.strip(), "from your address": "addr:" + address}
    attempt = limits.attempt(keys)  # counted as a failure until the password proves right
    user = request.app.state.store.authenticate(name, password)
    limits.succeeded(keys["for this account"], attempt)
    return user
