"""per-article parts of story analysis (sentences, entity mentions, quote candidates), computed once per article

Revision ID: 0004
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('article_analyses',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=40), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('computed', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id')
    )


def downgrade() -> None:
    op.drop_table('article_analyses')
