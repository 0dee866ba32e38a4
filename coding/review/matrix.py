"""Matrix query: nodes or theories against documents, interventions or an attribute's values.

Every cell is an SQL aggregate (see coding.review.counting); a cell's excerpts are fetched only when
the user opens it. A 200 x 1,000 matrix over 100,000 references is one grouped query plus a
fold over its rows in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from coding.errors import InvalidInput
from coding.excerpts import Excerpt, iter_excerpts
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.review.counting import (
    NO_VALUE,
    ZERO,
    Counts,
    Grouping,
    RowHeader,
    count_cells,
    document_groups,
    group_lengths,
    keyed_source,
    parse_columns,
    row_headers,
)
from coding.tables import write_table_csv
from storage.models import Attribute, Case, Document

MEASURES = ("references", "documents", "coverage")
ROW_LABEL = {"nodes": "node", "theories": "theory"}


@dataclass(frozen=True)
class ColumnHeader:
    key: object
    label: str
    documents: int
    characters: int


@dataclass(frozen=True)
class Matrix:
    rows_kind: str
    columns_spec: str
    rows: tuple[RowHeader, ...]
    columns: tuple[ColumnHeader, ...]
    cells: Mapping[tuple[int, object], Counts]
    flt: ReferenceFilter = NO_FILTER
    aggregate: bool = False

    def counts(self, row_key: int, column_key: object) -> Counts:
        return self.cells.get((row_key, column_key), ZERO)

    def value(self, row_key: int, column: ColumnHeader, measure: str) -> float:
        """References, documents, or coverage % (characters over the column's text)."""
        c = self.counts(row_key, column.key)
        if measure == "references":
            return c.references
        if measure == "documents":
            return c.documents
        if measure == "coverage":
            return round(100.0 * c.characters / column.characters, 2) if column.characters else 0.0
        raise InvalidInput(f"cells must be one of {', '.join(MEASURES)}, not '{measure}'")

    def maximum(self, measure: str) -> float:
        """The largest cell, for shading a heat map."""
        by_key = {c.key: c for c in self.columns}
        return max((self.value(r, by_key[g], measure) for (r, g) in self.cells if g in by_key),
                   default=0.0)


def _column_headers(project: Project, grouping: Grouping, lengths: dict[object, tuple[int, int]]) -> list[ColumnHeader]:
    labels: list[tuple[object, str]]
    with project.db.reading() as s:
        if grouping.kind == "documents":
            labels = [
                (i, n) for i, n in s.execute(select(Document.id, Document.name).order_by(Document.name))
            ]
        elif grouping.kind == "interventions":
            labels = [(c.id, f"#{c.number} {c.name}")
                      for c in s.scalars(select(Case).order_by(Case.number))]
            if 0 in lengths:
                labels.append((0, "(no intervention)"))
        else:
            values = sorted({str(v) for v in lengths if v != NO_VALUE})
            labels = [(v, v) for v in values]
            if NO_VALUE in lengths:
                labels.append((NO_VALUE, NO_VALUE))
    return [ColumnHeader(key, label, *lengths.get(key, (0, 0))) for key, label in labels]


def build_matrix(
    project: Project,
    *,
    rows: str = "nodes",
    columns: str = "documents",
    flt: ReferenceFilter = NO_FILTER,
    aggregate: bool = False,
) -> Matrix:
    """Rows x columns of evidence counts; empty cells are simply absent from `cells`."""
    headers = row_headers(project, rows, flt)
    with project.db.reading() as s:
        grouping = parse_columns(s, columns)
        cells = count_cells(s, keyed_source(s, rows, flt, aggregate=aggregate), grouping)
        lengths = group_lengths(s, grouping)
    return Matrix(rows, columns, tuple(headers),
                  tuple(_column_headers(project, grouping, lengths)), cells, flt, aggregate)


def cell_excerpts(
    project: Project, matrix: Matrix, row_key: int, column_key: object
) -> list[Excerpt]:
    """The excerpts behind one cell (the drill-down), in document order, same filter."""
    with project.db.reading() as s:
        grouping = parse_columns(s, matrix.columns_spec)
        docs = [d for d, g in document_groups(s, grouping).items() if g == column_key]
        source = keyed_source(s, matrix.rows_kind, matrix.flt, aggregate=matrix.aggregate)
        ids = list(s.scalars(
            select(source.c.ref_id).where(source.c.node_id == row_key,
                                          source.c.document_id.in_(docs)).distinct()
        ))
    return list(iter_excerpts(project, reference_ids=ids)) if ids else []


def matrix_table(matrix: Matrix, measure: str) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the matrix as plain values (for CSV and for the terminal)."""
    header = [ROW_LABEL[matrix.rows_kind], *(c.label for c in matrix.columns)]
    rows: list[list[object]] = [
        [row.label, *(format_value(matrix.value(row.id, c, measure)) for c in matrix.columns)]
        for row in matrix.rows
    ]
    return header, rows


def write_matrix_csv(matrix: Matrix, out: Path | str, measure: str, *, bom: bool = False) -> int:
    """One row per matrix row, one column per matrix column; returns rows written."""
    header, rows = matrix_table(matrix, measure)
    return write_table_csv(out, header, rows, bom=bom)


def format_value(value: float) -> str:
    """Counts as whole numbers, coverage with two decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def column_specs(project: Project) -> list[str]:
    """The column choices a user can pick: documents, interventions, each attribute."""
    with project.db.reading() as s:
        names = list(s.scalars(select(Attribute.name).order_by(Attribute.scope.desc(),
                                                               Attribute.position, Attribute.id)))
    return ["documents", "interventions", *dict.fromkeys(f"attribute:{n}" for n in names)]
