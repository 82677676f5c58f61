"""an outlet's article by the input it was stored from (Store.article_of_input): an index step, not a scan

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_articles_source_raw', 'articles', ['source_id', 'raw_hash'])


def downgrade() -> None:
    op.drop_index('ix_articles_source_raw', table_name='articles')
