"""deleted references: remember the GUID of every reference deleted from now on

Revision ID: 0007_deleted_references
Revises: 0002_page_layout
Create Date: 2026-11-29 15:30:00

Merging a colleague's copy of the project made before a reference was deleted here used to
bring the reference back. From this revision the database notes each deleted reference's GUID
(two triggers: a delete writes it, putting the reference back clears it) and a merge leaves
those out. References deleted before the upgrade left no trace and cannot be told apart.

SQLite drops a table's triggers with the table: a later revision that rebuilds `references`
in batch mode must create both again. Written out here, not imported from the models.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_deleted_references'
down_revision = '0002_page_layout'
branch_labels = None
depends_on = None

TRIGGERS = (
    'CREATE TRIGGER references_deleted AFTER DELETE ON "references" BEGIN '
    "INSERT OR REPLACE INTO deleted_references (guid, deleted_at) "
    "VALUES (OLD.guid, strftime('%Y-%m-%d %H:%M:%f', 'now')); END",
    'CREATE TRIGGER references_restored AFTER INSERT ON "references" BEGIN '
    "DELETE FROM deleted_references WHERE guid = NEW.guid; END",
)


def upgrade() -> None:
    op.create_table(
        'deleted_references',
        sa.Column('guid', sa.String(length=36), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('guid', name=op.f('pk_deleted_references')),
    )
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS references_restored")
    op.execute("DROP TRIGGER IF EXISTS references_deleted")
    op.drop_table('deleted_references')
