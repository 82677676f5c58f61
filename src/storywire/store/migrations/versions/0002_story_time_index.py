"""articles in time order per story (pending articles for clustering, story spans); when each was clustered

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clustered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_articles_story_published', ['story_id', 'published', 'id'], unique=False)
        batch_op.drop_index('ix_articles_story')  # the new index serves its lookups
        batch_op.create_index('ix_articles_clustered_at', ['clustered_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_clustered_at')
        batch_op.create_index('ix_articles_story', ['story_id'], unique=False)
        batch_op.drop_index('ix_articles_story_published')
        batch_op.drop_column('clustered_at')
