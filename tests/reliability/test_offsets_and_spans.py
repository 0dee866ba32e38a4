"""Property tests: code point <-> UTF-16 conversion, and stored spans stay inside documents."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.offsets import OffsetMap
from coding.backups import check_project
from coding.documents import document_text, import_files
from coding.nodes import add_node
from coding.project import Project
from coding.references import code, references_for_document, uncode

# Lone surrogates cannot be stored (SQLite holds UTF-8) nor shown (Qt): real text has none.
_CHARS = st.characters(exclude_categories=("Cs",))
ASTRAL_HEAVY = st.text(
    alphabet=st.one_of(_CHARS, st.characters(min_codepoint=0x10000)), max_size=200
)


@given(ASTRAL_HEAVY)
def test_every_code_point_offset_round_trips_through_utf16(text: str) -> None:
    offsets = OffsetMap(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert offsets.to_codepoint(u16) == cp


@given(ASTRAL_HEAVY)
def test_a_utf16_position_inside_a_pair_snaps_to_its_character(text: str) -> None:
    offsets = OffsetMap(text)
    total = len(text.encode("utf-16-le")) // 2
    for u16 in range(total + 1):
        cp = offsets.to_codepoint(u16)
        assert 0 <= cp <= len(text)
        assert offsets.to_utf16(cp) in (u16, u16 - 1)


SPANS = st.lists(
    st.tuples(st.booleans(), st.integers(-5, 400), st.integers(-5, 400), st.integers(0, 2)),
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=300).filter(str.strip), actions=SPANS)
def test_coding_and_uncoding_never_store_a_span_outside_the_document(
    text: str, actions: list[tuple[bool, int, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.txt"
        source.write_text(text, encoding="utf-8")
        with Project.create(Path(folder) / "p.realist") as project:
            report = import_files(project, [source])
            if report.failed:
                return  # e.g. only control characters: the importer's own clear refusal
            doc = report.imported[0][1]
            length = len(document_text(project, doc))
            nodes = [add_node(project, f"N{i}") for i in range(3)]
            for is_code, start, end, node in actions:
                try:
                    if is_code:
                        code(project, doc, start, end, [nodes[node]])
                    else:
                        uncode(project, doc, start, end, [nodes[node]])
                except Exception as exc:  # only our clear refusal of an impossible span
                    assert type(exc).__name__ == "InvalidInput", exc
                    assert not 0 <= start < end <= length
            for ref in references_for_document(project, doc):
                assert 0 <= ref.start < ref.end <= length
        assert check_project(Path(folder) / "p.realist") == []
