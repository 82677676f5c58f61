"""Users, login sessions, API tokens, follow/mute preferences and which stories a reader opened.

Secrets never sit in the store in the clear: passwords are argon2 hashes, and session ids and API
tokens are kept as SHA-256 digests, so a copied database file does not let anyone log in. The
plaintext session id lives only in the reader's cookie; an API token is shown once, when made.
The first-run set-up token (the link `serve` and `run` print while no user exists) is kept the same
way, as a digest in the store's named-state table, and is gone once the first admin is made.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
import threading
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..clock import utcnow
from ..errors import AuthError, InputError, NotFound
from .schema import api_tokens, engine_state, preferences, sessions, story_opens, users

PREF_KINDS = ("source", "entity", "keyword")
PREF_ACTIONS = ("follow", "mute")
SESSION_TTL = timedelta(days=30)
TOKEN_PREFIX = "sw_"
MIN_PASSWORD = 8
SETUP_STATE = "setup_token"  # the engine_state row holding the set-up token's digest
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A fixed hash to verify against when the user does not exist, so timing does not reveal user names;
    made once per process (:func:`prepare_login_checks`), not at import (every `storywire` command imports
    this module)."""
    return _hasher.hash("storywire-no-such-user")


def prepare_login_checks() -> None:
    """Make the dummy hash now, in the background (a web server starting): else the first login to an unknown
    account would also pay for making it, and take longer than one to an account that exists."""
    threading.Thread(target=_dummy_hash, name="dummy-hash", daemon=True).start()


# Each argon2 check takes 64 MiB and a core's time: at most this many at once per process, so a flood
# of logins cannot exhaust memory (the others queue here, outside any transaction).
_CHECKS = threading.BoundedSemaphore(2)


def digest(secret: str) -> str:
    """SHA-256 hex of a session id or API token: what the store keeps instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def verify_password(stored: str | None, password: str, wrong: str) -> str:
    """``stored`` (an argon2 hash) when ``password`` matches it, else AuthError(``wrong``). An unknown account
    (``stored`` None) is checked against a dummy hash, so it costs the same time and gives the same answer."""
    try:
        with _CHECKS:
            _hasher.verify(stored or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise AuthError(wrong) from None
    if stored is None:
        raise AuthError(wrong)
    return stored


def _user_dict(row: sa.Row) -> dict:
    m = row._mapping
    return {"id": m["id"], "name": m["name"], "is_admin": bool(m["is_admin"]), "email": m["email"],
            "timezone": m["timezone"], "created": m["created"]}


_USER_COLUMNS = (users.c.id, users.c.name, users.c.is_admin, users.c.email, users.c.timezone, users.c.created)


class AccountsMixin:
    # -- users --------------------------------------------------------------------------------
    def create_user(self, conn: sa.Connection, name: str, password: str, is_admin: bool = False,
                    email: str | None = None) -> int:
        """A new user; the name must be free and the password at least MIN_PASSWORD characters."""
        name = name.strip()
        if not _NAME.match(name):
            raise InputError(f"user name {name!r}: use letters, digits and . _ @ - (at most 100, starting "
                             "with a letter or digit)")
        if len(password) < MIN_PASSWORD:
            raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first() is not None:
            raise InputError(f"a user called {name!r} already exists")
        return conn.execute(users.insert().values(
            name=name, password_hash=_hasher.hash(password), is_admin=is_admin, email=email, created=utcnow(),
        ).returning(users.c.id)).scalar_one()

    def user_by_name(self, conn: sa.Connection, name: str) -> dict:
        row = conn.execute(sa.select(*_USER_COLUMNS).where(users.c.name == name.strip())).first()
        if row is None:
            raise NotFound(f"no user called {name!r}; `storywire users list` shows them")
        return _user_dict(row)

    def list_users(self, conn: sa.Connection) -> list[dict]:
        return [_user_dict(r) for r in conn.execute(sa.select(*_USER_COLUMNS).order_by(users.c.name))]

    def mail_recipients(self, conn: sa.Connection) -> list[dict]:
        """Users with an e-mail address, by id: {id, name, email, timezone, briefing_times (JSON text or None)}."""
        rows = conn.execute(sa.select(users.c.id, users.c.name, users.c.email, users.c.timezone, users.c.briefing_times)
                            .where(users.c.email.is_not(None), users.c.email != "").order_by(users.c.id))
        return [dict(r._mapping) for r in rows]

    def count_users(self, conn: sa.Connection) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()

    def delete_user(self, conn: sa.Connection, user_id: int) -> None:
        """Remove a user and everything that is theirs (explicitly: SQLite may run without FK cascades)."""
        for table in (sessions, api_tokens, preferences, story_opens):
            conn.execute(table.delete().where(table.c.user_id == user_id))
        if conn.execute(users.delete().where(users.c.id == user_id)).rowcount == 0:
            raise NotFound(f"no user with id {user_id}")

    def set_password(self, conn: sa.Connection, user_id: int, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
        conn.execute(users.update().where(users.c.id == user_id).values(password_hash=_hasher.hash(password)))
        conn.execute(sessions.delete().where(sessions.c.user_id == user_id))  # log out everywhere

    def authenticate(self, name: str, password: str) -> dict:
        """The user when the password matches, else AuthError (same message for unknown names).

        argon2 is slow on purpose, so it runs outside any transaction: the hash is read, the
        connection let go, then the password checked. A hash made with older argon2 parameters is
        replaced afterwards in a short write.
        """
        with self.read() as conn:  # type: ignore[attr-defined]
            row = conn.execute(sa.select(*_USER_COLUMNS, users.c.password_hash)
                               .where(users.c.name == name.strip())).first()
        stored = verify_password(row.password_hash if row is not None else None, password,
                                 "wrong user name or password")
        if _hasher.check_needs_rehash(stored):
            with _CHECKS:
                fresh = _hasher.hash(password)
            with self.atomic() as conn:  # type: ignore[attr-defined]
                conn.execute(users.update().where(users.c.id == row.id, users.c.password_hash == stored)
                             .values(password_hash=fresh))
        return _user_dict(row)

    # -- first run ----------------------------------------------------------------------------
    def new_setup_token(self, conn: sa.Connection) -> str | None:
        """While the store has no user: a fresh set-up token (replacing any earlier one), returned once in
        the clear and stored as its digest. None once a user exists."""
        conn.execute(engine_state.delete().where(engine_state.c.name == SETUP_STATE))
        if self.count_users(conn) > 0:
            return None
        token = secrets.token_urlsafe(32)
        conn.execute(engine_state.insert().values(name=SETUP_STATE, data=digest(token).encode(), updated=utcnow()))
        return token

    def setup_token_valid(self, conn: sa.Connection, token: str) -> bool:
        """Whether ``token`` is the waiting set-up token (constant-time compare; always False once a user exists)."""
        if not token or self.count_users(conn) > 0:
            return False
        stored = conn.execute(sa.select(engine_state.c.data).where(engine_state.c.name == SETUP_STATE)).scalar()
        return stored is not None and hmac.compare_digest(bytes(stored), digest(token).encode())

    def create_first_admin(self, conn: sa.Connection, token: str, name: str, password: str) -> int:
        """The first user, an admin, made with the set-up token, which is used up in the same transaction
        (deleting its row first, so of two concurrent tries on PostgreSQL only one finds it)."""
        used = 0
        if token and self.count_users(conn) == 0:
            used = conn.execute(engine_state.delete().where(engine_state.c.name == SETUP_STATE,
                                                            engine_state.c.data == digest(token).encode())).rowcount
        if used != 1:
            raise AuthError("this set-up link is not valid (used already, or replaced by a newer one: "
                            "use the link storywire printed last)")
        return self.create_user(conn, name, password, is_admin=True)

    # -- sessions -----------------------------------------------------------------------------
    def create_session(self, conn: sa.Connection, user_id: int, ttl: timedelta = SESSION_TTL) -> dict:
        """A new login session: {id (the cookie value; not stored), csrf, expires}."""
        sid = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = utcnow()
        conn.execute(sessions.insert().values(id=digest(sid), user_id=user_id, csrf=csrf, created=now,
                                              expires=now + ttl))
        # Expired sessions are swept on login, so the table stays small without a scheduler.
        conn.execute(sessions.delete().where(sessions.c.expires < now))
        return {"id": sid, "csrf": csrf, "expires": now + ttl}

    def get_session(self, conn: sa.Connection, session_id: str) -> dict | None:
        """{user, csrf, expires} for a live session cookie value, None when unknown or expired."""
        if not session_id:
            return None
        row = conn.execute(sa.select(sessions.c.csrf, sessions.c.expires, *_USER_COLUMNS)
                           .join_from(sessions, users, users.c.id == sessions.c.user_id)
                           .where(sessions.c.id == digest(session_id))).first()
        if row is None or row.expires <= utcnow():
            return None
        return {"user": _user_dict(row), "csrf": row.csrf, "expires": row.expires}

    def delete_session(self, conn: sa.Connection, session_id: str) -> None:
        conn.execute(sessions.delete().where(sessions.c.id == digest(session_id)))

    # -- API tokens ---------------------------------------------------------------------------
    def create_token(self, conn: sa.Connection, user_id: int, name: str = "") -> str:
        """A new API token for the user; returned once in the clear, stored only as its digest."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        conn.execute(api_tokens.insert().values(user_id=user_id, token_hash=digest(token), name=name[:200],
                                                created=utcnow()))
        return token

    def user_for_token(self, conn: sa.Connection, token: str) -> dict | None:
        if not token:
            return None
        row = conn.execute(sa.select(*_USER_COLUMNS).join_from(api_tokens, users, users.c.id == api_tokens.c.user_id)
                           .where(api_tokens.c.token_hash == digest(token))).first()
        return _user_dict(row) if row is not None else None

    def touch_token(self, conn: sa.Connection, token: str) -> None:
        """Record use of a token (at most once a minute per token, to keep reads cheap)."""
        now = utcnow()
        conn.execute(api_tokens.update().where(
            api_tokens.c.token_hash == digest(token),
            sa.or_(api_tokens.c.last_used.is_(None), api_tokens.c.last_used < now - timedelta(minutes=1)),
        ).values(last_used=now))

    def list_tokens(self, conn: sa.Connection, user_id: int) -> list[dict]:
        rows = conn.execute(sa.select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.created, api_tokens.c.last_used)
                            .where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id))
        return [dict(r._mapping) for r in rows]

    def revoke_token(self, conn: sa.Connection, user_id: int, token_id: int) -> None:
        """Delete one of the user's tokens (another user's token id is NotFound, not revealed)."""
        done = conn.execute(api_tokens.delete().where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id))
        if done.rowcount == 0:
            raise NotFound(f"no token {token_id}")

    # -- preferences --------------------------------------------------------------------------
    def set_preference(self, conn: sa.Connection, user_id: int, kind: str, value: str, action: str) -> dict:
        """Follow or mute an outlet, entity or keyword (replacing an earlier choice for the same value)."""
        kind, action, value = kind.strip().lower(), action.strip().lower(), " ".join(value.split())
        if kind not in PREF_KINDS:
            raise InputError(f"kind {kind!r}: use one of {', '.join(PREF_KINDS)}")
        if action not in PREF_ACTIONS:
            raise InputError(f"action {action!r}: use follow or mute")
        if not value or len(value) > 200:
            raise InputError("the value must be 1 to 200 characters")
        where = (preferences.c.user_id == user_id, preferences.c.kind == kind,
                 sa.func.lower(preferences.c.value) == value.lower())
        conn.execute(preferences.delete().where(*where))
        now = utcnow()
        insert = (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(preferences)
        conn.execute(insert.values(user_id=user_id, kind=kind, value=value, action=action, created=now)
                     .on_conflict_do_update(index_elements=["user_id", "kind", "value"],
                                            set_={"action": action, "created": now}))
        return {"kind": kind, "value": value, "action": action, "created": now}

    def remove_preference(self, conn: sa.Connection, user_id: int, kind: str, value: str) -> None:
        done = conn.execute(preferences.delete().where(
            preferences.c.user_id == user_id, preferences.c.kind == kind.strip().lower(),
            sa.func.lower(preferences.c.value) == " ".join(value.split()).lower()))
        if done.rowcount == 0:
            raise NotFound(f"you do not follow or mute the {kind} {value!r}")

    def list_preferences(self, conn: sa.Connection, user_id: int) -> list[dict]:
        rows = conn.execute(sa.select(preferences.c.kind, preferences.c.value, preferences.c.action,
                                      preferences.c.created)
                            .where(preferences.c.user_id == user_id)
                            .order_by(preferences.c.kind, preferences.c.action, preferences.c.value))
        return [dict(r._mapping) for r in rows]

    def preference_rows(self, conn: sa.Connection, user_id: int) -> list[tuple[str, str, str]]:
        """(kind, value, action) rows, the shape ``rank.Preferences.from_rows`` takes."""
        return [(p["kind"], p["value"], p["action"]) for p in self.list_preferences(conn, user_id)]

    # -- story opens --------------------------------------------------------------------------
    def record_open(self, conn: sa.Connection, user_id: int, story_id: int) -> None:
        """Remember that the reader opened a story ("For you" ranks it a little lower afterwards)."""
        insert = (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(story_opens)
        now = utcnow()
        conn.execute(insert.values(user_id=user_id, story_id=story_id, opened=now)
                     .on_conflict_do_update(index_elements=["user_id", "story_id"], set_={"opened": now}))

    def opened_stories(self, conn: sa.Connection, user_id: int, since: datetime | None = None) -> set[int]:
        stmt = sa.select(story_opens.c.story_id).where(story_opens.c.user_id == user_id)
        if since is not None:
            stmt = stmt.where(story_opens.c.opened >= since)
        return {r[0] for r in conn.execute(stmt)}
