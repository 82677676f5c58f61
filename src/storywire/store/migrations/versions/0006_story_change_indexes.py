"""stories by last change and last analysis: the story version (Store.story_version) read from two indexes

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_stories_updated', 'stories', ['updated'])
    op.create_index('ix_stories_analysed', 'stories', ['analysed'])


def downgrade() -> None:
    op.drop_index('ix_stories_analysed', table_name='stories')
    op.drop_index('ix_stories_updated', table_name='stories')
