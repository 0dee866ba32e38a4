"""Two researchers coding one project file in turn, as the app and the CLI do: each opens the
file under their own identity, codes, and closes it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coding.identity import CoderIdentity
from coding.ids import DocumentId, NodeId
from coding.project import Project
from coding.references import code

ANA = CoderIdentity("Ana Silva", "AS", "0a0a0a0a-0000-4000-8000-00000000000a")
BEN = CoderIdentity("Ben Okafor", "BO", "0b0b0b0b-0000-4000-8000-00000000000b")


@contextmanager
def as_coder(path: Path, who: CoderIdentity) -> Iterator[Project]:
    with Project.open(path, coder=who) as project:
        yield project


def code_as(path: Path, who: CoderIdentity, doc: DocumentId, node: NodeId,
            *spans: tuple[int, int]) -> int:
    """Code each span as `who`; returns their coder id."""
    with as_coder(path, who) as project:
        for start, end in spans:
            code(project, doc, start, end, [node])
        return project.coder_id
