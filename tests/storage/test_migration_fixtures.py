"""Every schema version ever released opens, upgrades and keeps its data.

`tests/storage/fixtures/project-<revision>.realist` were each made by the app when that revision
was head (`python -m tests.storage.fixtures.make_fixture`) and are never regenerated; the `.json`
beside each lists what it must still hold after the upgrade.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from coding.coders import list_coders
from coding.documents import document_text, list_documents
from coding.memos import get_memo
from coding.nodes import find_node, list_nodes
from coding.project import Project
from coding.realist.theories import list_theories
from coding.references import references_for_node
from coding.theory_log import entries_for
from storage import migrate
from storage.backup import list_backups
from tests.storage.fixtures.make_fixture import HERE

FIXTURES = sorted(HERE.glob("project-*.realist"))


def _guid(project: Project, label: str) -> str:
    from coding.realist.theories import find_theory
    from coding.realist.theory_history import theory_snapshot

    return str(theory_snapshot(project, find_theory(project, label)).theory["guid"])


def _revision(path: Path) -> str:
    return path.stem.removeprefix("project-")


def test_every_known_revision_has_a_fixture() -> None:
    missing = migrate.known_revisions() - {_revision(p) for p in FIXTURES}
    assert not missing, (
        f"no fixture for revision(s) {sorted(missing)}: run "
        "`python -m tests.storage.fixtures.make_fixture` while that revision is head"
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_upgrades_cleanly_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "old.realist"
    shutil.copyfile(fixture, path)
    with Project.open(path) as project:
        assert project.name == expected["name"]
        docs = {d.name: document_text(project, d.id) for d in list_documents(project)}
        assert docs == expected["documents"]
        assert sorted(n.path for n in list_nodes(project)) == expected["nodes"]
        text = next(iter(docs.values()))
        found = sorted(
            [node_path, text[r.start:r.end]]
            for node_path in {p for p, _ in expected["references"]}
            for r in references_for_node(project, find_node(project, node_path))
        )
        assert found == expected["references"]
        memo_node, memo_text = expected["memo"]
        assert get_memo(project, "node", find_node(project, memo_node)) == memo_text
        excerpt, relevance, note = expected["rating"]
        rated = [r for p, _ in expected["references"]
                 for r in references_for_node(project, find_node(project, p))
                 if text[r.start:r.end] == excerpt]
        assert (rated[0].relevance, rated[0].rating_note) == (relevance, note)
        if "coders" in expected:  # from 0006_coders on: who coded what
            coded = {c.name: c.references for c in list_coders(project) if c.references}
            assert coded == expected["coders"]
        if "theories" in expected:  # fixtures from 0004_theory_log on hold a theory and its log
            theories = list_theories(project)
            assert [[t.label, t.statement, t.status_override] for t in theories] == \
                expected["theories"]
            assert [[e.label, e.action] for t in theories
                    for e in entries_for(project, _guid(project, t.label))] == \
                expected["theory_log"]
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    upgrades = [b for b in list_backups(path) if b.kind.startswith("before-upgrade")]
    if _revision(fixture) == migrate.head_revision():
        assert upgrades == []
    else:  # the original was kept, at its own revision, before the upgrade
        assert len(upgrades) == 1
        con = sqlite3.connect(upgrades[0].path)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == _revision(fixture)
        con.close()
