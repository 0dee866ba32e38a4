"""What real tools write, read without complaint: one hand-written variation per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.exchange.refi_import import import_qdc, import_qdpx
from coding.nodes import list_nodes
from coding.project import Project
from tests.refi.samples import (
    CODE,
    CODEBOOK,
    EXCERPT,
    SOURCE,
    TEXT,
    excerpts,
    project_xml,
    write_qdpx,
    xmlns,
)

EXPECTED = {("Interview", "Peer support", EXCERPT)}


def _import(tmp_path: Path, qde: str | bytes, files: dict[str, str | bytes],
            qde_name: str = "project.qde") -> set[tuple[str, str, str]]:
    write_qdpx(tmp_path / "in.qdpx", qde, files, qde_name)
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert summary.not_imported == ()
    return excerpts(tmp_path / "out.realist")


@pytest.mark.parametrize("namespace", ["urn:QDA-XML:project:1.0", "urn:QDA-XML:project:1:0",
                                       "urn:QDA-XML:project:0:4", ""])
def test_namespace_spellings(tmp_path: Path, namespace: str) -> None:
    qde = project_xml(namespace=namespace)
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": TEXT}) == EXPECTED


SPELLINGS = {"braces": lambda g: "{" + g + "}", "upper": str.upper,
             "upper-braces": lambda g: "{" + g.upper() + "}"}


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_guid_spellings(tmp_path: Path, spelling: str) -> None:
    spell = SPELLINGS[spelling]
    qde = project_xml(spell=spell)
    assert _import(tmp_path, qde, {f"sources/{spell(SOURCE)}.txt": TEXT}) == EXPECTED


def test_definition_and_reference_spell_a_guid_differently(tmp_path: Path) -> None:
    qde = project_xml(code_ref="{" + CODE.upper() + "}")
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": TEXT}) == EXPECTED


@pytest.mark.parametrize(("path", "member"), [
    ("internal://{source}.txt", "Sources/{source}.txt"),
    ("internal://{source}.TXT", "sources/{source}.txt"),
    ("relative://data/interview.txt", "sources/interview.txt"),
    ("relative://interview.txt", "sources/interview.txt"),
    ("absolute://C:\\Users\\ann\\My study\\interview.txt", "sources/interview.txt"),
    ("absolute:///home/ann/interview.txt", "sources/interview.txt"),
    ("file:///home/ann/interview%20one.txt", "sources/interview one.txt"),
    ("interview.txt", "sources/interview.txt"),
    ("interview.txt", "interview.txt"),
])
def test_source_path_schemes(tmp_path: Path, path: str, member: str) -> None:
    qde = project_xml(path=path)
    assert _import(tmp_path, qde, {member.format(source=SOURCE): TEXT}) == EXPECTED


@pytest.mark.parametrize("qde_name", ["MyStudy.qde", "PROJECT.QDE"])
def test_any_qde_at_the_root(tmp_path: Path, qde_name: str) -> None:
    files = {f"sources/{SOURCE}.txt": TEXT, "sources/notes.qde": "<not-this/>"}
    assert _import(tmp_path, project_xml(), files, qde_name) == EXPECTED


def test_project_zipped_as_its_folder(tmp_path: Path) -> None:
    files = {f"My study/sources/{SOURCE}.txt": TEXT, "__MACOSX/My study/._project.qde": "x"}
    assert _import(tmp_path, project_xml(), files, "My study/project.qde") == EXPECTED


def test_bom_on_the_qde_and_on_the_text(tmp_path: Path) -> None:
    qde = "\ufeff".encode() + project_xml().encode("utf-8")
    text = "\ufeff".encode() + TEXT.encode("utf-8")  # positions do not count the BOM
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": text}) == EXPECTED


def test_qde_in_utf16(tmp_path: Path) -> None:
    qde = project_xml().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": TEXT}) == EXPECTED


def test_crlf_line_endings_count_in_positions(tmp_path: Path) -> None:
    text = "First line.\r\nSecond line.\r\nStaff said peer visits built trust.\r\n"
    start = text.index(EXCERPT)  # the file's positions count every \r
    qde = project_xml(start=start, end=start + len(EXCERPT)).replace("\n", "\r\n")
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": text}) == EXPECTED
    with Project.open(tmp_path / "out.realist", readonly=True) as project:
        from coding.documents import document_text, list_documents
        from coding.ids import DocumentId

        (doc,) = list_documents(project)
        assert "\r" not in document_text(project, DocumentId(doc.id))


def test_text_only_as_rich_text_path(tmp_path: Path) -> None:
    qde = project_xml().replace('plainTextPath="', 'richTextPath="')
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": TEXT}) == EXPECTED


MINIMAL = f"""<Project xmlns="urn:QDA-XML:project:1.0">
  <Users><User/></Users>
  <CodeBook><Codes><Code guid="{CODE}"/><Code name="No GUID"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{SOURCE}">
      <PlainTextContent>{TEXT}</PlainTextContent>
      <PlainTextSelection startPosition="11" endPosition="22">
        <Coding><CodeRef targetGUID="{CODE}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection startPosition="23" endPosition="28">
        <Coding><CodeRef targetGUID="{CODE}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes><Note><PlainTextContent>An unnamed note</PlainTextContent></Note></Notes>
  <Variables><Variable/><Variable/></Variables>
  <Cases><Case/><Case/></Cases>
</Project>"""


def test_missing_optional_attributes(tmp_path: Path) -> None:
    """No names, dates, users or selection GUIDs: defaults fill in and nothing collides."""
    write_qdpx(tmp_path / "in.qdpx", MINIMAL)
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert (summary.codes, summary.documents, summary.references, summary.cases) == (2, 1, 2, 2)
    assert excerpts(tmp_path / "out.realist") == {("(unnamed)", "(unnamed)", EXCERPT),
                                                   ("(unnamed)", "(unnamed)", "built")}


EMPTY = """<?xml version="1.0"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Empty">
  <Users/><CodeBook><Codes/></CodeBook><Variables/><Cases/><Sources/><Notes/><Links/><Sets/>
</Project>"""


@pytest.mark.parametrize("qde", [EMPTY, '<Project name="Bare"/>',
                                 '<Project xmlns="urn:QDA-XML:project:1.0"><CodeBook/></Project>'])
def test_empty_lists(tmp_path: Path, qde: str) -> None:
    write_qdpx(tmp_path / "in.qdpx", qde)
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert (summary.codes, summary.documents, summary.references, summary.memos) == (0, 0, 0, 0)
    assert summary.not_imported == ()


CHILD = "9e8d7c6b-5a49-4837-a625-140312f0e1d2"


@pytest.mark.parametrize("variant", ["1.0", "1:0", "0:4", "none", "braces", "bom", "crlf",
                                     "minimal"])
def test_codebook_variants(empty_project: Project, tmp_path: Path, variant: str) -> None:
    namespace = {"1.0": "urn:QDA-XML:codebook:1.0", "1:0": "urn:QDA-XML:codebook:1:0",
                 "0:4": "urn:QDA-XML:codebook:0:4", "none": ""}.get(variant,
                                                                  "urn:QDA-XML:codebook:1.0")
    code, child = (f"{{{CODE.upper()}}}", f"{{{CHILD}}}") if variant == "braces" else (CODE, CHILD)
    xml = CODEBOOK.format(xmlns=xmlns(namespace), code=code, child=child)
    if variant == "minimal":
        xml = (f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{CODE}">'
               f'<Code guid="{CHILD}" name="Visits"/></Code></Codes></CodeBook>')
    data = xml.replace("\n", "\r\n" if variant == "crlf" else "\n").encode("utf-8")
    path = tmp_path / "book.qdc"
    path.write_bytes("\ufeff".encode() + data if variant == "bom" else data)
    added, _ = import_qdc(empty_project, path)
    assert added == 2
    paths = {n.path for n in list_nodes(empty_project)}
    parent = "(unnamed)" if variant == "minimal" else "Peer support"
    assert paths == {parent, f"{parent}/Visits"}
    again, _ = import_qdc(empty_project, path)  # same GUIDs: nothing added twice
    assert again == 0


def test_codebook_with_no_codes(empty_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "empty.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    assert import_qdc(empty_project, path)[0] == 0


REPEATED = f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Repeated">
  <CodeBook><Codes><Code guid="{CODE}" name="Own"/><Code guid="{CODE}" name="Same GUID"/>
  </Codes></CodeBook>
  <Variables><Variable guid="{CHILD}" name="Year"/><Variable name="Year"/></Variables>
  <Cases><Case name="A"/><Case name="A"/><Case name=""/></Cases>
  <Sets>
    <Set guid="11111111-1111-4111-8111-111111111111" name="Topic: X"/>
    <Set guid="11111111-1111-4111-8111-111111111112" name="Topic: X"/>
    <Set guid="11111111-1111-4111-8111-111111111113" name="Theory: T1">
      <MemberCode targetGUID="{CODE}"/></Set>
    <Set guid="11111111-1111-4111-8111-111111111113" name="Theory: T2">
      <MemberCode targetGUID="{CODE}"/></Set>
  </Sets>
</Project>"""


def test_repeated_guids_and_names_do_not_collide(tmp_path: Path) -> None:
    """Files that contradict themselves still import: second holders get fresh GUIDs or
    suffixed names, and a code is the own node of one theory only."""
    write_qdpx(tmp_path / "in.qdpx", REPEATED)
    summary = import_qdpx(tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert (summary.codes, summary.cases) == (2, 3)
    from coding.realist.theories import list_theories

    with Project.open(tmp_path / "out.realist", readonly=True) as project:
        assert sorted(t.label for t in list_theories(project)) == ["T1", "T2"]
        assert {n.name for n in list_nodes(project)} == {"Own", "Same GUID"}


def test_a_user_with_the_importers_guid_under_another_name_is_the_importer(
        tmp_path: Path) -> None:
    """Found by the REFI fuzzer: a file whose user has the GUID of the person importing it but
    another name (renamed since) failed the import on a duplicate coder GUID. Same GUID, same
    person: one coder, who keeps the coding."""
    from coding.coders import list_coders
    from coding.identity import current_identity
    from tests.refi.samples import USER

    me = current_identity()
    qde = project_xml().replace(f'guid="{USER}" name="Ann"', f'guid="{me.guid}" name="Ann"')
    qde = qde.replace(f'creatingUser="{USER}"', f'creatingUser="{me.guid}"')
    assert _import(tmp_path, qde, {f"sources/{SOURCE}.txt": TEXT}) == EXPECTED
    with Project.open(tmp_path / "out.realist", readonly=True) as project:
        coders = list_coders(project)
    assert [(c.name, c.guid, c.references) for c in coders] == [(me.name, me.guid, 1)]
