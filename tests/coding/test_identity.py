"""Who is coding: the saved identity, --coder and $REALIST_CODER, and the coder record that
follows a renamed researcher."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from coding import identity
from coding.coders import list_coders
from coding.errors import InvalidInput
from coding.project import Project
from tests.conftest import TEST_CODER, run_cli


def test_the_order_is_option_then_environment_then_setting_then_login(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert identity.current_identity().name == TEST_CODER[0]
    monkeypatch.setenv(identity.CODER_ENV, "Env Person")
    assert identity.current_identity().source == "environment"
    identity.use_for_process("Flag Person")
    assert identity.current_identity().name == "Flag Person"
    identity.use_for_process(None)
    monkeypatch.delenv(identity.CODER_ENV)
    identity.config_path().unlink()
    who = identity.current_identity()
    assert (who.name, who.source) == (getpass.getuser(), "login")


def test_a_rename_keeps_the_guid_and_the_coding(tmp_path: Path) -> None:
    before = identity.stored_identity()
    assert before is not None
    path = tmp_path / "p.realist"
    Project.create(path).close()
    renamed = identity.save_identity("Ana Silva-Lopes")
    assert renamed.guid == before.guid and renamed.initials == "ASL"
    with Project.open(path) as p:
        (coder,) = list_coders(p)
        assert (coder.name, coder.initials, coder.id) == ("Ana Silva-Lopes", "ASL", p.coder_id)


def test_bad_names_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        identity.save_identity("   ")
    with pytest.raises(InvalidInput):
        identity.save_identity("Ana", "ABCDEFGHIJKL")
    identity.config_path().write_bytes(b"\xff\xfe not an ini [")
    assert identity.stored_identity() is None  # treated as absent; saving rewrites it
    assert identity.save_identity("Ana").name == "Ana"


def test_the_command_line_sets_and_uses_the_identity(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = run_cli("whoami", "--set", "Ana Silva", "--initials", "AS")
    assert saved.code == 0 and "Ana Silva (AS)" in saved.out
    shown = run_cli("whoami")
    assert shown.out.startswith("Ana Silva (AS) — saved in")
    path = tmp_path / "p.realist"
    assert run_cli("new", path).code == 0
    source = tmp_path / "a.txt"
    source.write_text("Some felt judged by family.\n", encoding="utf-8")
    assert run_cli("import", path, source).code == 0
    assert run_cli("node", "add", path, "Fear").code == 0
    assert run_cli("code", path, "a", "Fear", "--span", "5", "10", "--coder", "Ben Okafor").code == 0
    assert run_cli("--coder", "Ben Okafor", "code", path, "a", "Fear", "--span", "0", "4").code == 0
    monkeypatch.setenv(identity.CODER_ENV, "Cy Env")
    assert run_cli("code", path, "a", "Fear", "--span", "12", "15").code == 0
    monkeypatch.delenv(identity.CODER_ENV)
    listed = run_cli("coders", path).out.splitlines()
    counts = {line.split("\t")[1]: line.split("\t")[3] for line in listed[1:]}
    assert counts == {"Ana Silva": "0", "Ben Okafor": "2", "Cy Env": "1"}
    empty = run_cli("code", path, "a", "Fear", "--span", "1", "2", "--coder", " ")
    assert empty.code == 1 and "a coder needs a name" in empty.err
