"""Migration 0004_theory_log: a project older than the log starts it at the upgrade, with each
theory's state then recorded as the starting point; the upgraded schema is the new one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coding.project import Project
from coding.realist.theories import find_theory, list_theories
from coding.realist.theory_history import theory_snapshot
from coding.theory_log import configuration_summary, entries_for
from tests.storage.fixtures.make_fixture import HERE

STATEMENT = "If a mother fears judgement, then she accepts a peer, because a peer will not judge."


def _add_theory_the_old_way(path: Path) -> None:
    """A theory as a 0001 project held it (written with SQL, as that app wrote it)."""
    con = sqlite3.connect(path)
    now = "2025-01-01 10:00:00"
    con.execute("INSERT INTO topics (id, name, position) VALUES (1, 'Take-up', 0)")
    for node_id, parent, name, role in ((101, None, "Programme theories", "none"),
                                        (102, 101, "T7", "none"),
                                        (103, None, "Outcomes", "none"),
                                        (104, 103, "Accepts a peer", "outcome")):
        con.execute("INSERT INTO nodes (id, guid, parent_id, name, description, color, role, "
                    "origin, is_codable, position, created_at) VALUES (?, ?, ?, ?, '', "
                    "'#808080', ?, 'deductive', 1, 0, ?)",
                    (node_id, f"guid-{node_id}", parent, name, role, now))
    context = con.execute("SELECT id FROM nodes WHERE name = 'Rural clinics'").fetchone()[0]
    mechanism = con.execute("SELECT id FROM nodes WHERE name = 'Feeling understood'").fetchone()[0]
    con.execute("UPDATE nodes SET role = 'context' WHERE id = ?", (context,))
    con.execute("INSERT INTO theories (id, guid, label, topic_id, statement, origin, "
                "status_override, node_id, position, created_at) VALUES (7, 'theory-7', 'T7', "
                "1, ?, 'initial', 'partial', 102, 0, ?)", (STATEMENT, now))
    for position, (node_id, origin) in enumerate(((context, "initial"), (mechanism, "new"),
                                                  (104, "initial"))):
        con.execute("INSERT INTO theory_elements VALUES (7, ?, ?, ?)", (node_id, origin, position))
    con.execute("INSERT INTO memos (guid, target, theory_id, text, created_at, updated_at) "
                "VALUES ('memo-7', 'theory', 7, 'Outcome only implied', ?, ?)", (now, now))
    con.commit()
    con.close()


def test_upgrade_starts_each_theorys_log_with_its_current_state(tmp_path: Path) -> None:
    path = tmp_path / "old.realist"
    shutil.copyfile(HERE / "project-0001.realist", path)
    _add_theory_the_old_way(path)
    with Project.open(path) as project:
        (theory,) = list_theories(project)
        guid = theory_snapshot(project, find_theory(project, "T7")).theory["guid"]
        (entry,) = entries_for(project, guid)
        assert (entry.action, entry.label, entry.new_value) == ("start", "T7", STATEMENT)
        summary = configuration_summary(
            "Take-up", "initial", [(e.name, e.role, e.origin) for e in theory.elements])
        assert entry.detail == (
            f"{summary} Status set by the researcher: partial (Outcome only implied).")
        assert "Feeling understood (added during coding)" in entry.detail
        assert entry.reason.startswith("log started when the project was upgraded")
        assert entry.coder == ""


def test_an_upgraded_file_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.realist", tmp_path / "new.realist"
    shutil.copyfile(HERE / "project-0001.realist", old)
    Project.open(old).close()
    Project.create(new).close()

    def schema(path: Path) -> list[tuple[str, str]]:
        con = sqlite3.connect(path)
        rows = con.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%theory_log%' "
                           "ORDER BY name").fetchall()
        con.close()
        return [(name, " ".join(sql.split())) for name, sql in rows]

    assert schema(old) == schema(new) != []
