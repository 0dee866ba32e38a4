"""NVivo counts UTF-16 units: the unit is decided by origin, checked against word boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.exchange.refi_import import import_qdpx
from coding.exchange.refi_positions import (
    boundary_hits,
    choose_unit,
    has_astral,
    utf16_to_code_points,
)
from tests.refi.samples import CODE, SOURCE, excerpts, write_qdpx

TEXT = "Patient 😀 said: trust grew 𝑥 fast, and the nurses agreed.\n"
PHRASES = ("trust grew", "the nurses")


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _spans(text: str, utf16: bool) -> list[tuple[int, int]]:
    out = []
    for phrase in PHRASES:
        start = text.index(phrase)
        span = (start, start + len(phrase))
        out.append((_utf16(text, span[0]), _utf16(text, span[1])) if utf16 else span)
    return out


def test_utf16_offsets_map_to_code_points() -> None:
    to_points = utf16_to_code_points(TEXT)
    assert [to_points(_utf16(TEXT, i)) for i in range(len(TEXT) + 1)] == list(
        range(len(TEXT) + 1))
    assert to_points(9) == 9  # inside the surrogate pair of 😀: the character's end
    past = _utf16(TEXT, len(TEXT)) + 1
    assert to_points(past) > len(TEXT)  # still outside, so still refused
    assert utf16_to_code_points("plain")(3) == 3


def test_has_astral() -> None:
    assert has_astral("a😀") and has_astral("𝑥") and not has_astral("é ü ß — “”")


def test_boundary_hits_count_ends_between_words() -> None:
    def same(p: int) -> int:
        return p

    text = "trust grew fast"
    assert boundary_hits(text, [(0, 5), (6, 10)], same) == 4
    assert boundary_hits(text, [(1, 5), (6, 9)], same) == 2
    assert boundary_hits(text, [(3, 99)], same) == 0  # outside the text counts nothing


@pytest.mark.parametrize(("origin", "utf16", "expected", "guessed"), [
    ("NVivo 12 (Windows)", True, True, False),
    ("QSR NVIVO", True, True, False),
    ("ATLAS.ti 9", False, False, False),
    ("", True, True, True),
    ("", False, False, True),
    ("NVivo 14", False, False, True),  # the evidence contradicts the origin
    ("MAXQDA", True, True, True),
])
def test_choose_unit(origin: str, utf16: bool, expected: bool, guessed: bool) -> None:
    unit = choose_unit(origin, [(TEXT, _spans(TEXT, utf16)), ("no evidence", [(0, 2)])])
    assert (unit.utf16, unit.guessed) == (expected, guessed)
    assert bool(unit.note) == guessed
    if guessed:
        assert ("UTF-16 units" if expected else "code points") in unit.note


def test_without_astral_characters_nothing_is_guessed() -> None:
    assert choose_unit("", [("plain é text", [(0, 5)])]).guessed is False
    assert choose_unit("NVivo", [("plain é text", [(0, 5)])]).utf16 is True


def test_a_tie_keeps_code_points() -> None:
    unit = choose_unit("", [("😀😀😀", [(0, 1)])])
    assert (unit.utf16, unit.guessed) == (False, True)


def _nvivo_project(origin: str, text: str, spans: list[tuple[int, int]]) -> str:
    selections = "".join(
        f'<PlainTextSelection guid="f0e1d2c3-b4a5-4968-8776-65544332211{n}" '
        f'startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="c0d1e2f3-a4b5-4c6d-8e7f-8091a2b3c4d{n}"><CodeRef targetGUID="{CODE}"/>'
        "</Coding></PlainTextSelection>"
        for n, (start, end) in enumerate(spans))
    return (f'<Project xmlns="urn:QDA-XML:project:1.0" name="N" origin="{origin}">'
            f'<CodeBook><Codes><Code guid="{CODE}" name="Trust" isCodable="true"/></Codes>'
            f'</CodeBook><Sources><TextSource guid="{SOURCE}" name="Interview" '
            f'plainTextPath="internal://{SOURCE}.txt">{selections}</TextSource></Sources>'
            "</Project>")


@pytest.mark.parametrize(("origin", "utf16", "note"), [
    ("NVivo 14 (Windows)", True, None),
    ("", True, "positions read as UTF-16 units (origin unknown)"),
    ("ATLAS.ti", False, None),
])
def test_import_reads_positions_in_the_right_unit(tmp_path: Path, origin: str, utf16: bool,
                                                  note: str | None) -> None:
    text = TEXT.replace("\n", "\r\n") + "Second 😀 line: trust grew.\r\n"
    write_qdpx(tmp_path / "in.qdpx", _nvivo_project(origin, text, _spans(text, utf16)),
               {f"sources/{SOURCE}.txt": text})
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert excerpts(tmp_path / "out.realist") == {("Interview", "Trust", p) for p in PHRASES}
    assert not summary.not_imported
    notes = [line for line in summary.notes if line.startswith("positions")]
    assert [n[:len(note)] for n in notes] == ([note] if note else [])


LINES = ("First answer: staff felt heard.\r\nSecond answer: trust grew slowly.\r\n"
         "Third answer: the nurses agreed.\r\n")


def _lf_spans(text: str) -> list[tuple[int, int]]:
    """Positions of PHRASES counted by a tool that stored the text with LF line ends."""
    lf = text.replace("\r\n", "\n")
    return [(lf.index(p), lf.index(p) + len(p)) for p in PHRASES]


def test_crlf_counted_as_one_is_detected_and_reported() -> None:
    unit = choose_unit("Some tool", [(LINES, _lf_spans(LINES))])
    assert (unit.crlf_as_one, unit.utf16, unit.guessed) == (True, False, True)
    assert "CRLF line break counted as one" in unit.note
    spec = choose_unit("Some tool", [(LINES, _spans(LINES, utf16=False))])
    assert spec == choose_unit("Some tool", [])  # as the specification says: no note
    assert not spec.crlf_as_one and not spec.guessed


@pytest.mark.parametrize("crlf_as_one", [False, True])
def test_import_reads_crlf_positions_either_way(tmp_path: Path, crlf_as_one: bool) -> None:
    spans = _lf_spans(LINES) if crlf_as_one else _spans(LINES, utf16=False)
    write_qdpx(tmp_path / "in.qdpx", _nvivo_project("Other tool", LINES, spans),
               {f"sources/{SOURCE}.txt": LINES})
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert excerpts(tmp_path / "out.realist") == {("Interview", "Trust", p) for p in PHRASES}
    assert any("CRLF" in line for line in summary.notes) == crlf_as_one


def test_nvivo_utf16_with_crlf_counted_as_one(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n") * 2
    lf = text.replace("\r\n", "\n")
    spans = [(_utf16(lf, lf.rindex(p)), _utf16(lf, lf.rindex(p) + len(p))) for p in PHRASES]
    unit = choose_unit("NVivo 14", [(text, spans)])
    assert (unit.utf16, unit.crlf_as_one, unit.guessed) == (True, True, True)
