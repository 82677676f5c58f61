"""The per-article parts of story analysis (sentences, entity mentions, quote candidates), kept once per
article so a story analysis combines them instead of computing them again (see ``analyse/parts.py``)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from ..clock import utcnow
from .schema import article_analyses


class ArticleAnalysisRow(NamedTuple):
    article_id: int
    digest: str  # of the text the parts were computed from
    method: str  # how they were computed
    data: dict
    computed: datetime | None = None  # when they were computed (as read from the store)


class ArticleAnalysesMixin:
    _insert_rows: Callable[[sa.Connection, sa.Table, list[dict]], None]  # (ArticlesMixin's)

    def save_article_analyses(self, conn: sa.Connection, rows: Iterable[ArticleAnalysisRow]) -> None:
        """Keep (or replace) the parts of each row's article; of two rows for one article, the later."""
        rows = list({r.article_id: r for r in rows}.values())
        if not rows:
            return
        ids = [r.article_id for r in rows]
        conn.execute(article_analyses.delete().where(article_analyses.c.article_id.in_(ids)))
        now = utcnow()
        self._insert_rows(conn, article_analyses, [
            {"article_id": r.article_id, "digest": r.digest, "method": r.method, "computed": now,
             "data": json.dumps(r.data, ensure_ascii=False, separators=(",", ":"))} for r in rows])

    def article_analyses(self, conn: sa.Connection, article_ids: Iterable[int]) -> dict[int, ArticleAnalysisRow]:
        """The stored parts of those of ``article_ids`` that have some, by article id."""
        out: dict[int, ArticleAnalysisRow] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            q = sa.select(article_analyses.c.article_id, article_analyses.c.digest, article_analyses.c.method,
                          article_analyses.c.data, article_analyses.c.computed
                          ).where(article_analyses.c.article_id.in_(ids[start:start + 500]))
            for aid, digest, method, data, computed in conn.execute(q):
                out[aid] = ArticleAnalysisRow(aid, digest, method, json.loads(data), computed)
        return out
