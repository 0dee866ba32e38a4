"""Many rows into one table at once, through the driver's `executemany`.

A PDF's page geometry is thousands of small rows (runs, pages, blocks); SQLAlchemy's ORM bulk
insert builds a parameter dictionary and runs its bookkeeping for each one, which cost more
than reading the PDF's text. Rows here are plain tuples in the order of the columns named,
inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from storage.models import Base


def insert_rows(s: Session, model: type[Base], columns: Sequence[str],
                rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT each row (values in the order of `columns`) into `model`'s table."""
    table: str = model.__tablename__
    for name in columns:
        if name not in model.__table__.c:  # a typo fails here, not as a vague SQL error
            raise KeyError(f"{table} has no column {name!r}")
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    batch = list(rows)
    if batch:
        s.connection().exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', batch)
