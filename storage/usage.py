"""Whether any row points at a record, read from the schema's own foreign keys.

Asked before a record that may be unused is dropped (a coder record made for a session that
coded nothing): every table that refers to it is looked at, so a table added later that points
at it is counted without being listed anywhere. A record found in use is kept as it is; one
deleted while in use would clear the columns that point at it (their ON DELETE SET NULL), and
coding would lose who made it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Base


def is_referenced(s: Session, model: type[Base], key: int) -> bool:
    """Whether any row of any table has a foreign key pointing at `model`'s row `key`."""
    target = model.__table__
    for table in Base.metadata.sorted_tables:
        for foreign in table.foreign_keys:
            if foreign.column.table is target and s.scalar(
                    select(foreign.parent).where(foreign.parent == key).limit(1)) is not None:
                return True
    return False
