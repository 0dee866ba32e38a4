"""Hand-written REFI-QDA files, zipped by the tests, and a way to read back what was imported.

The sample is the smallest project real tools write: one user, one code, one text source in
the archive and one coded selection. Cases vary one thing at a time (namespace, GUID
spelling, path scheme, encoding), so a failure names the tolerance that broke.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from coding.documents import document_text, list_documents
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.project import Project
from coding.references import references_for_document

USER = "0a7b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
CODE = "6b9c2f1e-4a0d-4a83-9d43-1c2b3a4d5e6f"
SOURCE = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
SELECTION = "f0e1d2c3-b4a5-4968-8776-655443322110"

TEXT = "Staff said peer visits built trust quickly.\n"
EXCERPT = "peer visits"  # code points 11..22 of TEXT

PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project {xmlns} name="Sample" origin="{origin}">
  <Users><User guid="{user}" name="Ann"/></Users>
  <CodeBook>
    <Codes>
      <Code guid="{code}" name="Peer support" isCodable="true" color="#AA3300"/>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="{source}" name="Interview" plainTextPath="{path}"
        creationDateTime="2021-03-04T10:00:00Z">
      <PlainTextSelection guid="{selection}" name="peer visits" startPosition="{start}"
          endPosition="{end}" creatingUser="{user}" creationDateTime="2021-03-04T10:05:00Z">
        <Coding guid="c0d1e2f3-a4b5-4c6d-8e7f-8091a2b3c4d5" creatingUser="{user}">
          <CodeRef targetGUID="{code_ref}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""

CODEBOOK = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook {xmlns} origin="Sample tool">
  <Codes>
    <Code guid="{code}" name="Peer support" isCodable="true" color="#AA3300">
      <Code guid="{child}" name="Visits" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>
"""


def xmlns(namespace: str) -> str:
    return f'xmlns="{namespace}"' if namespace else ""


def project_xml(*, namespace: str = "urn:QDA-XML:project:1.0", origin: str = "Sample tool",
                spell: Callable[[str], str] = str, path: str = "internal://{source}.txt",
                start: int = 11, end: int = 22, code_ref: str | None = None) -> str:
    """The sample project; `spell` writes every GUID (upper case, braces...)."""
    spelled = {k: spell(v) for k, v in (("user", USER), ("code", CODE), ("source", SOURCE),
                                         ("selection", SELECTION))}
    return PROJECT.format(xmlns=xmlns(namespace), origin=origin, path=path.format(**spelled),
                          start=start, end=end, code_ref=code_ref or spelled["code"],
                          **spelled)


def write_qdpx(path: Path, qde: str | bytes, files: dict[str, str | bytes] | None = None,
               qde_name: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(qde_name, qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in (files or {}).items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def project_excerpts(project: Project) -> set[tuple[str, str, str]]:
    """(document, code path, coded text) for every reference in the project."""
    paths = {n.id: n.path for n in list_nodes(project)}
    out = set()
    for doc in list_documents(project):
        text = document_text(project, DocumentId(doc.id))
        for ref in references_for_document(project, DocumentId(doc.id)):
            out.add((doc.name, paths[ref.node_id], text[ref.start:ref.end]))
    return out


def excerpts(project_path: Path) -> set[tuple[str, str, str]]:
    with Project.open(project_path, readonly=True) as project:
        return project_excerpts(project)
