"""Stored page spans and excerpts stay valid code-point offsets for any Unicode text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.documents import document_pages, document_text, import_files
from coding.nodes import add_node
from coding.project import Project
from coding.references import code, references_for_document

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\x85\u2028\u2029"),
    min_size=1, max_size=300,
).filter(lambda s: s.strip() != "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, cut=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_text_spans_and_excerpts_are_code_points(tmp_path_factory: pytest.TempPathFactory,
                                                text: str, cut: tuple[float, float]) -> None:
    folder = tmp_path_factory.mktemp("prop")
    source = folder / "doc.txt"
    source.write_text(text, encoding="utf-8")
    with Project.create(folder / "p.realist") as project:
        report = import_files(project, [source])
        assert not report.failed
        doc_id = report.imported[0][1]
        stored = document_text(project, doc_id)
        (page,) = document_pages(project, doc_id)
        assert (page.start, page.end) == (0, len(stored))
        a, b = sorted(int(x * len(stored)) for x in cut)
        if b == a:
            b = min(len(stored), a + 1)
            a = b - 1
        node = add_node(project, "N")
        code(project, doc_id, a, b, [node])
        (ref,) = references_for_document(project, doc_id)
        assert stored[ref.start:ref.end] == stored[a:b]
