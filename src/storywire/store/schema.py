"""The store's tables (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

Migrations in ``migrations/versions`` are the append-only history that builds these tables;
queries use the Table objects here. Times are stored as timezone-aware UTC.
"""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa


class UTCDateTime(sa.types.TypeDecorator):
    """Timezone-aware UTC datetimes on both backends (SQLite stores them naive, in UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData()
TS = UTCDateTime()
# Every id and every reference to one: 8 bytes on PostgreSQL (BIGSERIAL keys); on SQLite an INTEGER PRIMARY KEY
# (the 64-bit rowid), which a BIGINT key would not be.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("homepage", sa.Text),
    sa.Column("created", TS, nullable=False),
)

feeds = sa.Table(
    "feeds", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("site_url", sa.Text),
    sa.Column("source_id", ID, sa.ForeignKey("sources.id")),
    sa.Column("category", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_checked", TS),
    sa.Column("last_success", TS),
    sa.Column("last_error", sa.Text),
    sa.Column("consecutive_failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("interval_s", sa.Float, nullable=False, server_default="1800"),
    sa.Column("next_check", TS),
    sa.Column("created", TS, nullable=False),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", ID, primary_key=True, autoincrement=False),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("created", TS, nullable=False),
    sa.Column("updated", TS, nullable=False),
    sa.Column("first_seen", TS),
    sa.Column("last_seen", TS),
    sa.Column("article_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("merged_into", ID),
    sa.Column("section", sa.Text),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    sa.Column("analysed", TS),
    sa.Index("ix_stories_last_seen", "last_seen"),
    sa.Index("ix_stories_updated", "updated"),  # the story version: newest change and analysis, one index step each
    sa.Index("ix_stories_analysed", "analysed"),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("external_id", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source_id", ID, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("feed_id", ID, sa.ForeignKey("feeds.id")),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("authors", sa.Text, nullable=False, server_default="[]"),  # JSON list
    sa.Column("published", TS),
    sa.Column("language", sa.String(16)),
    sa.Column("section", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("raw_hash", sa.String(64), nullable=False),
    sa.Column("fetched", TS, nullable=False),
    sa.Column("updated", TS, nullable=False),
    sa.Column("story_id", ID),
    sa.Column("duplicate_of", ID),
    sa.Column("dup_similarity", sa.Float),
    sa.Column("clustered_at", TS),  # when clustering put it in its story (other writers catch up by it)
    sa.Index("ux_articles_url", "url", unique=True),
    sa.Index("ux_articles_source_external", "source_id", "external_id", unique=True),
    sa.Index("ux_articles_source_hash", "source_id", "content_hash", unique=True),
    sa.Index("ix_articles_source_raw", "source_id", "raw_hash"),  # an outlet's article by the page it came from
    # a story's articles, and pending ones (no story) in time order; an index fewer to update per assignment
    sa.Index("ix_articles_story_published", "story_id", "published", "id"),
    sa.Index("ix_articles_clustered_at", "clustered_at"),
    sa.Index("ix_articles_time", "published"),
    sa.Index("ix_articles_fetched", "fetched"),
)

# articles in their own time order (models.Article.time): reader apps' streams page by it
sa.Index("ix_articles_when", sa.func.coalesce(articles.c.published, articles.c.fetched), articles.c.id)

article_revisions = sa.Table(
    "article_revisions", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("replaced", TS, nullable=False),
    sa.Index("ix_revisions_article", "article_id"),
)

boilerplate = sa.Table(
    "boilerplate", metadata,
    sa.Column("source_id", ID, primary_key=True),
    sa.Column("fingerprint", sa.String(32), primary_key=True),
    sa.Column("pages", sa.Integer, nullable=False, server_default="0"),
)

rejections = sa.Table(
    "rejections", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", TS, nullable=False),
)

analyses = sa.Table(
    "analyses", metadata,
    sa.Column("story_id", ID, primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # JSON: the story object users see
    sa.Column("computed", TS, nullable=False),
)

article_analyses = sa.Table(
    "article_analyses", metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("digest", sa.String(40), nullable=False),  # of the text the parts were computed from
    sa.Column("method", sa.Text, nullable=False),  # how they were computed (version, entity finder)
    sa.Column("data", sa.Text, nullable=False),  # JSON: sentences, mentions, quote candidates
    sa.Column("computed", TS, nullable=False),
)

story_entities = sa.Table(
    "story_entities", metadata,
    sa.Column("story_id", ID, primary_key=True),
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("label", sa.String(16), nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Index("ix_story_entities_name", "name"),
)

engine_state = sa.Table(
    "engine_state", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("updated", TS, nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("email", sa.Text),
    sa.Column("timezone", sa.Text, nullable=False, server_default="UTC"),
    sa.Column("briefing_times", sa.Text),  # JSON list of "HH:MM"; NULL: the global setting
    sa.Column("created", TS, nullable=False),
)

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("created", TS, nullable=False),
    sa.Column("last_used", TS),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created", TS, nullable=False),
    sa.Column("expires", TS, nullable=False),
)

preferences = sa.Table(
    "preferences", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),  # source | entity | keyword | topic
    sa.Column("value", sa.Text, primary_key=True),
    sa.Column("action", sa.String(8), nullable=False),  # follow | mute
    sa.Column("created", TS, nullable=False),
)

story_opens = sa.Table(
    "story_opens", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", ID, primary_key=True),
    sa.Column("opened", TS, nullable=False),
)

briefings = sa.Table(
    "briefings", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE")),
    sa.Column("created", TS, nullable=False),
    sa.Column("period_start", TS, nullable=False),
    sa.Column("period_end", TS, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # JSON: the briefing object
    sa.Column("delivered", TS),
    sa.Index("ix_briefings_user_created", "user_id", "created"),
)

settings_kv = sa.Table(
    "settings_kv", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# -- reading state (store/reading.py): per-user, over the shared articles and feeds ------------------
article_states = sa.Table(
    "article_states", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("read", sa.Boolean),  # NULL: as by age (see store/reading.py); false keeps an old article unread
    sa.Column("starred", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("read_at", TS),
    sa.Column("starred_at", TS),
    sa.Index("ix_article_states_starred", "user_id", "starred", "starred_at"),
)

article_labels = sa.Table(
    "article_labels", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("label", sa.Text, primary_key=True),
    sa.Column("created", TS, nullable=False),
    sa.Index("ix_article_labels_label", "user_id", "label"),
)

reading_lists = sa.Table(  # a user with no row follows every feed no reader brought (folders: their categories)
    "reading_lists", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("created", TS, nullable=False),  # since when user_feeds is the user's own list
)

user_feeds = sa.Table(
    "user_feeds", metadata,
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("feed_id", ID, sa.ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("folder", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("brought", sa.Boolean, nullable=False, server_default=sa.false()),  # this user's subscribe added it
    sa.Column("created", TS, nullable=False),
    sa.Index("ix_user_feeds_feed", "feed_id"),
)

app_passwords = sa.Table(
    "app_passwords", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("user_id", ID, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("password_hash", sa.Text, nullable=False),  # argon2, like the login password
    sa.Column("auth_hash", sa.String(64), nullable=False, unique=True),  # SHA-256 of the Reader API Auth token
    sa.Column("fever_hash", sa.String(64), nullable=False, unique=True),  # SHA-256 of the Fever api_key
    sa.Column("created", TS, nullable=False),
    sa.Column("last_used", TS),
    sa.Index("ix_app_passwords_user", "user_id"),
)
