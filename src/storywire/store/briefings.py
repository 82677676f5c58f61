"""Briefings as made: kept whole (the JSON briefing object), so one can be shown or sent again unchanged.

``user_id`` None is the briefing for everyone. The store does not interpret the JSON; storywire.brief
builds and reads it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..clock import utcnow
from ..errors import NotFound
from .schema import briefings


@dataclass(frozen=True)
class StoredBriefing:
    id: int
    user_id: int | None
    created: datetime
    period_start: datetime
    period_end: datetime
    title: str
    data: dict
    delivered: datetime | None = None


def _row(row: sa.Row) -> StoredBriefing:
    m = row._mapping
    return StoredBriefing(id=m["id"], user_id=m["user_id"], created=m["created"], period_start=m["period_start"],
                          period_end=m["period_end"], title=m["title"], data=json.loads(m["data"]),
                          delivered=m["delivered"])


def _for_user(user_id: int | None) -> sa.ColumnElement:
    return briefings.c.user_id.is_(None) if user_id is None else briefings.c.user_id == user_id


class BriefingsMixin:
    def save_briefing(self, conn: sa.Connection, user_id: int | None, title: str, period_start: datetime,
                      period_end: datetime, data: dict, created: datetime | None = None,
                      delivered: datetime | None = None) -> int:
        """Keep one briefing; returns its id."""
        return conn.execute(briefings.insert().values(
            user_id=user_id, created=created or utcnow(), period_start=period_start, period_end=period_end,
            title=title, data=json.dumps(data, ensure_ascii=False), delivered=delivered,
        ).returning(briefings.c.id)).scalar_one()

    def mark_delivered(self, conn: sa.Connection, briefing_id: int, when: datetime | None = None) -> None:
        conn.execute(briefings.update().where(briefings.c.id == briefing_id)
                     .values(delivered=when or utcnow()))

    def get_briefing(self, conn: sa.Connection, briefing_id: int) -> StoredBriefing:
        row = conn.execute(sa.select(briefings).where(briefings.c.id == briefing_id)).first()
        if row is None:
            raise NotFound(f"no briefing with id {briefing_id}")
        return _row(row)

    def list_briefings(self, conn: sa.Connection, user_id: int | None = None, limit: int = 20, offset: int = 0,
                       include_global: bool = False) -> list[StoredBriefing]:
        """A reader's briefings (``user_id`` None: the ones for everyone), newest first.

        ``include_global`` adds the briefings for everyone to a user's own (what a user's list shows).
        """
        where = _for_user(user_id)
        if include_global and user_id is not None:
            where = sa.or_(where, briefings.c.user_id.is_(None))
        rows = conn.execute(sa.select(briefings).where(where)
                            .order_by(briefings.c.period_end.desc(), briefings.c.id.desc()).limit(limit).offset(offset))
        return [_row(r) for r in rows]

    def last_briefing(self, conn: sa.Connection, user_id: int | None,
                      before: datetime | None = None) -> StoredBriefing | None:
        """The reader's latest briefing (ending at or before ``before`` when given), or None."""
        stmt = sa.select(briefings).where(_for_user(user_id))
        if before is not None:
            stmt = stmt.where(briefings.c.period_end <= before)
        row = conn.execute(stmt.order_by(briefings.c.period_end.desc(), briefings.c.id.desc()).limit(1)).first()
        return _row(row) if row else None
