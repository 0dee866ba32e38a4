"""page layout: PDF text runs and blocks; region references

Revision ID: 0002_page_layout
Revises: 0004_theory_log
Create Date: 2026-11-29 12:00:00

Adds the geometry the page view draws coding with (`document_layouts`, `document_runs`,
`document_blocks`) and lets a reference be a rectangle on a PDF page (`region_*` columns; a
region may cover no text, so the span check and the uniqueness of (document, node, span) now
hold for text references only).

SQLite cannot change a table's constraints in place, so `references` is rebuilt (batch mode,
from the table as revisions 0001 and 0006_coders left it (0004_theory_log, between
them and this one, does not touch it), written out below: data migrations
never import the app's models). Upgrades run with foreign keys off (storage/migrate.py), so
dropping the old table does not cascade to the memos on references.
"""
import sqlalchemy as sa
from alembic import op

revision = '0002_page_layout'
down_revision = '0004_theory_log'
branch_labels = None
depends_on = None

_REGION = ("region_page", "region_left", "region_bottom", "region_right", "region_top")
SPAN = "start >= 0 AND (end > start OR (end = start AND region_page IS NOT NULL))"
REGION = (
    "(" + " AND ".join(f"{c} IS NULL" for c in _REGION) + ") OR ("
    + " AND ".join(f"{c} IS NOT NULL" for c in _REGION)
    + " AND region_page >= 1 AND region_left < region_right AND region_bottom < region_top)"
)


def _old_references(meta: sa.MetaData) -> sa.Table:
    """`references` exactly as revisions 0001 and 0006_coders left it (constraint names
    included): 0006 added `rated_by_id` and made (document, node, span, coder) unique."""
    return sa.Table(
        'references', meta,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('guid', sa.String(length=36), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('coder_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('relevance', sa.String(length=10), nullable=False),
        sa.Column('rigour', sa.String(length=10), nullable=False),
        sa.Column('rating_note', sa.Text(), nullable=False),
        sa.Column('rated_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("relevance IN ('high', 'moderate', 'low', 'not_rated')",
                           name='ck_references_relevance'),
        sa.CheckConstraint("rigour IN ('high', 'moderate', 'low', 'not_rated')",
                           name='ck_references_rigour'),
        sa.CheckConstraint('start >= 0 AND end > start', name='ck_references_span'),
        sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name='fk_references_coder_id_coders',
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name='fk_references_document_id_documents', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name='fk_references_node_id_nodes',
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['rated_by_id'], ['coders.id'],
                                name='fk_references_rated_by_id_coders', ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name='pk_references'),
        sa.UniqueConstraint('document_id', 'node_id', 'start', 'end', 'coder_id',
                            name='document_node_span'),
        sa.UniqueConstraint('guid', name='uq_references_guid'),
        sa.Index('ix_references_document_start', 'document_id', 'start'),
        sa.Index('ix_references_node_document', 'node_id', 'document_id'),
    )


def _create_layout_tables() -> None:
    op.create_table('document_layouts',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("source IN ('import', 'reread', 'aligned', 'none')",
                       name=op.f('ck_document_layouts_source')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                            name=op.f('fk_document_layouts_document_id_documents'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_layouts'))
    )
    op.create_table('document_runs',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('char_start', sa.Integer(), nullable=False),
    sa.Column('char_end', sa.Integer(), nullable=False),
    sa.Column('left', sa.Float(), nullable=False),
    sa.Column('bottom', sa.Float(), nullable=False),
    sa.Column('right', sa.Float(), nullable=False),
    sa.Column('top', sa.Float(), nullable=False),
    sa.CheckConstraint('start >= 0 AND end >= start AND page >= 1',
                       name=op.f('ck_document_runs_span')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                            name=op.f('fk_document_runs_document_id_documents'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'seq', name=op.f('pk_document_runs'))
    )
    op.create_table('document_blocks',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.CheckConstraint('start >= 0 AND end >= start', name=op.f('ck_document_blocks_span')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                            name=op.f('fk_document_blocks_document_id_documents'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'seq', name=op.f('pk_document_blocks'))
    )


def upgrade() -> None:
    _create_layout_tables()
    with op.batch_alter_table('references', recreate='always',
                              copy_from=_old_references(sa.MetaData())) as batch_op:
        batch_op.add_column(sa.Column('region_page', sa.Integer(), nullable=True))
        for name in _REGION[1:]:
            batch_op.add_column(sa.Column(name, sa.Float(), nullable=True))
        batch_op.drop_constraint(op.f('document_node_span'), type_='unique')
        batch_op.drop_constraint(op.f('ck_references_span'), type_='check')
        batch_op.create_check_constraint(op.f('ck_references_span'), sa.text(SPAN))
        batch_op.create_check_constraint(op.f('ck_references_region'), sa.text(REGION))
    with op.batch_alter_table('references', schema=None) as batch_op:
        batch_op.create_index('uq_references_document_node_span',
                              ['document_id', 'node_id', 'start', 'end', 'coder_id'],
                              unique=True, sqlite_where=sa.text('region_page IS NULL'))
        batch_op.create_index('uq_references_document_node_region',
                              ['document_id', 'node_id', 'coder_id', *_REGION], unique=True,
                              sqlite_where=sa.text('region_page IS NOT NULL'))


def downgrade() -> None:
    raise NotImplementedError("projects are never downgraded; open the pre-upgrade backup")
