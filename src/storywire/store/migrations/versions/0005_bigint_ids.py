"""every id and every reference to one is 8 bytes on PostgreSQL (BIGINT, sequences AS bigint); a no-op on
SQLite, whose INTEGER keys are already 64-bit

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# table -> its id columns and columns referring to ids, as of 0004
ID_COLUMNS = {
    'sources': ['id'], 'feeds': ['id', 'source_id'], 'stories': ['id', 'merged_into'],
    'articles': ['id', 'source_id', 'feed_id', 'story_id', 'duplicate_of'], 'article_revisions': ['id', 'article_id'],
    'boilerplate': ['source_id'], 'rejections': ['id'], 'analyses': ['story_id'], 'article_analyses': ['article_id'],
    'story_entities': ['story_id'], 'users': ['id'], 'api_tokens': ['id', 'user_id'], 'sessions': ['user_id'],
    'preferences': ['user_id'], 'story_opens': ['user_id', 'story_id'], 'briefings': ['id', 'user_id'],
    'article_states': ['user_id', 'article_id'], 'article_labels': ['user_id', 'article_id'],
    'reading_lists': ['user_id'], 'user_feeds': ['user_id', 'feed_id'], 'app_passwords': ['id', 'user_id'],
}
# the tables whose id comes from a sequence (SERIAL)
SERIAL = ['sources', 'feeds', 'articles', 'article_revisions', 'rejections', 'users', 'api_tokens', 'briefings',
          'app_passwords']


def _retype(sql_type: str) -> None:
    """Every id column, and every id sequence, as ``sql_type``: one rewrite per table."""
    if op.get_context().dialect.name != 'postgresql':
        return
    for table, columns in ID_COLUMNS.items():
        op.execute(f"ALTER TABLE {table} " + ", ".join(f"ALTER COLUMN {c} TYPE {sql_type}" for c in columns))
    for table in SERIAL:
        op.execute(f"DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s AS {sql_type}', "
                   f"pg_get_serial_sequence('{table}', 'id')); END $$")


def upgrade() -> None:
    _retype('bigint')


def downgrade() -> None:
    _retype('integer')
