"""coders: initials, who rated, who wrote a memo; two coders may code the same span

Revision ID: 0006_coders
Revises: 0001
Create Date: 2026-12-02 09:00:00

Everything a project held before coder identity is kept and attributed to one coder, the
researcher at this keyboard when the file is upgraded (`coder_name` / `coder_initials` /
`coder_guid` in the Alembic config's attributes, handed in by `coding.project` from
`coding.identity`; no Qt is needed). Without them, the default is the OS login name — the
name projects were already attributing their coding to.

- A project with exactly one coder (every project made by this app alone): that coder is
  renamed to the researcher and given their initials and GUID, so their work is theirs.
- Several coders (a REFI-QDA import with its users): they keep their coding; references with
  no coder go to the researcher's coder, found by name or created.
- Memos and ratings had no coder: they are attributed to that same coder.

Data migrations define their own small tables; never import the app's models.
"""
import getpass
import re
import uuid

import sqlalchemy as sa
from alembic import context, op

revision = '0006_coders'
down_revision = '0001'
branch_labels = None
depends_on = None

coders = sa.table("coders", sa.column("id", sa.Integer), sa.column("guid", sa.String),
                  sa.column("name", sa.String), sa.column("initials", sa.String))
references = sa.table("references", sa.column("coder_id", sa.Integer),
                      sa.column("rated_by_id", sa.Integer), sa.column("relevance", sa.String),
                      sa.column("rigour", sa.String), sa.column("rating_note", sa.Text))
memos = sa.table("memos", sa.column("coder_id", sa.Integer))


def _initials(name: str) -> str:
    letters = [w[0] for w in re.split(r"[\s\-_.]+", name) if w and w[0].isalnum()]
    return "".join(letters).upper()[:10] or name[:2].upper()


def _login_name() -> str:
    try:
        return getpass.getuser() or "researcher"
    except Exception:
        return "researcher"


def upgrade() -> None:
    with op.batch_alter_table('coders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('initials', sa.String(length=10), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('memos', schema=None) as batch_op:
        batch_op.add_column(sa.Column('coder_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_memos_coder_id_coders'), 'coders',
                                    ['coder_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('references', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rated_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_references_rated_by_id_coders'), 'coders',
                                    ['rated_by_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint('document_node_span', type_='unique')
        batch_op.create_unique_constraint(
            'document_node_span', ['document_id', 'node_id', 'start', 'end', 'coder_id'])
    _attribute_existing_work()


def _attribute_existing_work() -> None:
    conn = op.get_bind()
    attributes = context.config.attributes
    wanted = " ".join(str(attributes.get("coder_name") or "").split())
    initials = str(attributes.get("coder_initials") or "") or (_initials(wanted) if wanted else "")
    guid = str(attributes.get("coder_guid") or "")
    rows = conn.execute(sa.select(coders.c.id, coders.c.guid, coders.c.name)).all()
    has_work = conn.execute(sa.select(sa.func.count()).select_from(references)).scalar() or \
        conn.execute(sa.select(sa.func.count()).select_from(memos)).scalar()
    main: int | None = None
    if len(rows) == 1:
        main = rows[0].id
        if wanted:
            taken = guid and conn.execute(sa.select(coders.c.id).where(
                coders.c.guid == guid, coders.c.id != main)).first()
            values = {"name": wanted, "initials": initials}
            if guid and not taken:
                values["guid"] = guid
            conn.execute(coders.update().where(coders.c.id == main).values(**values))
    elif rows or has_work:
        name = wanted or _login_name()
        found = [r.id for r in rows if r.name == name]
        if found:
            main = found[0]
        else:
            taken = guid and any(r.guid == guid for r in rows)
            result = conn.execute(coders.insert().values(
                guid=guid if guid and not taken else str(uuid.uuid4()), name=name,
                initials=initials or _initials(name)))
            main = result.inserted_primary_key[0]
    for row in conn.execute(sa.select(coders.c.id, coders.c.name, coders.c.initials)).all():
        if not row.initials:
            conn.execute(coders.update().where(coders.c.id == row.id)
                         .values(initials=_initials(row.name)))
    if main is None:
        return
    conn.execute(references.update().where(references.c.coder_id.is_(None))
                 .values(coder_id=main))
    rated = sa.or_(references.c.relevance != 'not_rated', references.c.rigour != 'not_rated',
                   references.c.rating_note != '')
    conn.execute(references.update().where(rated).values(rated_by_id=main))
    conn.execute(memos.update().values(coder_id=main))


def downgrade() -> None:
    with op.batch_alter_table('references', schema=None) as batch_op:
        batch_op.drop_constraint('document_node_span', type_='unique')
        batch_op.create_unique_constraint('document_node_span',
                                          ['document_id', 'node_id', 'start', 'end'])
        batch_op.drop_constraint(batch_op.f('fk_references_rated_by_id_coders'),
                                 type_='foreignkey')
        batch_op.drop_column('rated_by_id')
    with op.batch_alter_table('memos', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_memos_coder_id_coders'), type_='foreignkey')
        batch_op.drop_column('coder_id')
    with op.batch_alter_table('coders', schema=None) as batch_op:
        batch_op.drop_column('initials')
