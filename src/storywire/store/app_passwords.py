"""App passwords: per-user passwords for reader apps (Google Reader API, Fever), never the login password.

An app password is shown once, when made, and kept as an argon2 hash like the login password. Apps
do not send it on every call: the Reader API's ClientLogin trades it for an ``Auth`` token and Fever
clients send ``api_key = md5("name:password")``. Both are derived from the password, so the store
keeps only their SHA-256 digests: a copied database lets nobody in, and a revoked app password takes
its token and key with it.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa

from ..clock import utcnow
from ..errors import NotFound
from .accounts import _CHECKS, _USER_COLUMNS, _hasher, _user_dict, digest, verify_password
from .schema import app_passwords, users


def reader_auth_token(user_name: str, password: str) -> str:
    """The Reader API ``Auth`` token of an app password: ``name/`` and an HMAC of the password."""
    mac = hmac.new(password.encode("utf-8"), b"storywire google reader auth", hashlib.sha256).hexdigest()
    return f"{user_name}/{mac}"


def fever_api_key(user_name: str, password: str) -> str:
    """What Fever clients send as ``api_key``: md5 of "name:password" (the Fever protocol's choice)."""
    return hashlib.md5(f"{user_name}:{password}".encode(), usedforsecurity=False).hexdigest()


class AppPasswordsMixin:
    def create_app_password(self, conn: sa.Connection, user_id: int, name: str = "") -> str:
        """A new app password for the user, returned once in the clear."""
        user_name = conn.execute(sa.select(users.c.name).where(users.c.id == user_id)).scalar()
        if user_name is None:
            raise NotFound(f"no user with id {user_id}")
        password = "-".join(secrets.token_hex(3) for _ in range(4))
        with _CHECKS:
            hashed = _hasher.hash(password)
        conn.execute(app_passwords.insert().values(
            user_id=user_id, name=" ".join(name.split())[:200], password_hash=hashed,
            auth_hash=digest(reader_auth_token(user_name, password)),
            fever_hash=digest(fever_api_key(user_name, password)), created=utcnow()))
        return password

    def check_app_password(self, user_name: str, password: str) -> tuple[dict, str]:
        """(the user, their Reader API Auth token) when ``password`` is one of their app passwords, else
        AuthError (the same message for unknown names). The argon2 check runs outside any transaction."""
        token = reader_auth_token(user_name.strip(), password)
        with self.read() as conn:  # type: ignore[attr-defined]
            row = conn.execute(sa.select(*_USER_COLUMNS, app_passwords.c.id.label("app_password_id"),
                                         app_passwords.c.password_hash)
                               .join_from(app_passwords, users, users.c.id == app_passwords.c.user_id)
                               .where(app_passwords.c.auth_hash == digest(token),
                                      users.c.name == user_name.strip())).first()
        verify_password(row.password_hash if row is not None else None, password, "wrong user name or app password")
        with self.atomic() as conn:  # type: ignore[attr-defined]
            conn.execute(app_passwords.update().where(app_passwords.c.id == row.app_password_id)
                         .values(last_used=utcnow()))
        return _user_dict(row), token

    def user_for_reader_token(self, conn: sa.Connection, token: str) -> dict | None:
        """The user of a Reader API Auth token, None when it is not (or no longer) valid."""
        return self._user_by(conn, app_passwords.c.auth_hash, token)

    def user_for_fever_key(self, conn: sa.Connection, api_key: str) -> dict | None:
        """The user of a Fever api_key (case-insensitive hex), None when it is not valid."""
        return self._user_by(conn, app_passwords.c.fever_hash, api_key.strip().lower())

    def _user_by(self, conn: sa.Connection, column: sa.Column, secret: str) -> dict | None:
        if not secret:
            return None
        row = conn.execute(sa.select(*_USER_COLUMNS).join_from(app_passwords, users,
                                                               users.c.id == app_passwords.c.user_id)
                           .where(column == digest(secret))).first()
        return _user_dict(row) if row is not None else None

    def list_app_passwords(self, conn: sa.Connection, user_id: int) -> list[dict]:
        """The user's app passwords: {id, name, created, last_used} (never the password)."""
        rows = conn.execute(sa.select(app_passwords.c.id, app_passwords.c.name, app_passwords.c.created,
                                      app_passwords.c.last_used)
                            .where(app_passwords.c.user_id == user_id).order_by(app_passwords.c.id))
        return [dict(r._mapping) for r in rows]

    def revoke_app_password(self, conn: sa.Connection, user_id: int, app_password_id: int) -> None:
        """Delete one of the user's app passwords (another user's id is NotFound, not revealed)."""
        done = conn.execute(app_passwords.delete().where(app_passwords.c.id == app_password_id,
                                                         app_passwords.c.user_id == user_id))
        if done.rowcount == 0:
            raise NotFound(f"no app password {app_password_id}")
