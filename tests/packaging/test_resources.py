"""Run-time files are found as package data, never by a path relative to the repository."""

from __future__ import annotations

import re

from tests.conftest import REPO

RUNTIME = ("app", "coding", "importers", "storage")
# __file__, a walk up the tree (parent.parent, parents[2]) or a literal "resources/" path.
RELATIVE = re.compile(r"__file__|\.parent\.parent|\.parents\[|[\"']resources/")


def test_no_run_time_code_finds_files_relative_to_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for package in RUNTIME
        for path in sorted((REPO / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RELATIVE.search(line.split("#", 1)[0])
    ]
    assert offenders == []
