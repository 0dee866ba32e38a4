"""theory log: the audit trail of how each programme theory changed

Revision ID: 0004_theory_log
Revises: 0006_coders

Existing projects start their log here: every theory gets a "start" entry holding its current
state (statement, topic, origin, elements, any status override and its rationale), so the
appendix of a review upgraded mid-way begins from what the researcher had at the upgrade.
The summary is written in the same words as `coding.theory_log.configuration_summary`
(a test holds the two together); this data migration defines its own small tables.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0004_theory_log'
down_revision = '0006_coders'
branch_labels = None
depends_on = None

ACTIONS = ("start", "created", "edited", "element_added", "element_removed", "status_set",
           "status_cleared", "deleted")
ROLE_HEADINGS = (("context", "Contexts"), ("mechanism", "Mechanisms"), ("outcome", "Outcomes"))
START_REASON = "log started when the project was upgraded; this was the theory at that time"


def upgrade() -> None:
    op.create_table(
        'theory_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('theory_guid', sa.String(length=36), nullable=False),
        sa.Column('label', sa.String(length=50), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=False),
        sa.Column('new_value', sa.Text(), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('coder', sa.String(length=200), nullable=False),
        sa.CheckConstraint("action IN ({})".format(", ".join(repr(a) for a in ACTIONS)),
                           name=op.f('ck_theory_log_action')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_theory_log')),
    )
    with op.batch_alter_table('theory_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theory_log_theory_guid'), ['theory_guid'],
                              unique=False)
    _start_entries()


def _start_entries() -> None:
    bind = op.get_bind()
    theories = bind.execute(sa.text(
        "SELECT t.id, t.guid, t.label, t.statement, t.origin, t.status_override, "
        "coalesce(tp.name, '') FROM theories t LEFT JOIN topics tp ON tp.id = t.topic_id "
        "ORDER BY t.position, t.id")).all()
    elements: dict[int, list[tuple[str, str, str]]] = {}
    for theory_id, name, role, origin in bind.execute(sa.text(
            "SELECT e.theory_id, n.name, n.role, e.origin FROM theory_elements e "
            "JOIN nodes n ON n.id = e.node_id ORDER BY e.theory_id, e.position")):
        elements.setdefault(theory_id, []).append((name, role, origin))
    memos = dict(bind.execute(sa.text(
        "SELECT theory_id, text FROM memos WHERE theory_id IS NOT NULL")).all())
    log = sa.table('theory_log', *(sa.column(c) for c in (
        'theory_guid', 'label', 'at', 'action', 'field', 'old_value', 'new_value', 'detail',
        'reason', 'coder')))
    now = datetime.now(UTC).replace(tzinfo=None)  # stored naive UTC, as every other time
    rows = []
    for theory_id, guid, label, statement, origin, override, topic in theories:
        detail = _summary(topic, origin, elements.get(theory_id, []))
        if override:
            detail += f" Status set by the researcher: {override} ({memos.get(theory_id, '')})."
        rows.append({'theory_guid': guid, 'label': label, 'at': now,
                     'action': 'start', 'field': '', 'old_value': '', 'new_value': statement,
                     'detail': detail, 'reason': START_REASON, 'coder': ''})
    if rows:
        op.bulk_insert(log, rows)


def _summary(topic: str, origin: str, elements: list[tuple[str, str, str]]) -> str:
    bits = [f"Topic: {topic or '(none)'}.", f"Origin: {origin}."]
    for role, heading in ROLE_HEADINGS:
        names = [name + (" (added during coding)" if el_origin == "new" and origin != "new"
                         else "") for name, el_role, el_origin in elements if el_role == role]
        bits.append(f"{heading}: {'; '.join(names) or '(none)'}.")
    return " ".join(bits)


def downgrade() -> None:
    with op.batch_alter_table('theory_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theory_log_theory_guid'))
    op.drop_table('theory_log')
