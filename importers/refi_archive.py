"""The untrusted containers of REFI-QDA exchange: the .qdpx zip and its XML.

Files come from other tools and from strangers. The zip is read in memory (nothing is ever
extracted to disk) with caps on entry count and sizes that do not trust the headers; member
names that climb out ('..', absolute or drive paths, backslash climbs) refuse the whole file;
and the XML parser never loads a DTD, resolves an entity or touches the network, and a
DOCTYPE is refused outright (XXE, billion laughs, external DTDs). Every refusal is an
ImporterError with a one-line reason.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree

from importers.base import ImporterError
from importers.source import open_source

__all__ = ["Archive", "ZipLimits", "decode_text", "parse_xml"]


@dataclass(frozen=True)
class ZipLimits:
    """Caps that keep a hostile archive (zip bomb, millions of entries) from hurting us."""

    max_entries: int = 20_000
    max_file_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024


# What a damaged or hostile archive makes zipfile raise besides BadZipFile: truncated or
# bit-flipped streams (zlib.error, EOFError), encryption (RuntimeError), unknown compression
# (NotImplementedError), nonsense header fields (ValueError, OverflowError).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
               RuntimeError, NotImplementedError, ValueError, OverflowError)


_PROLOG_END = re.compile(r"<(!DOCTYPE|[A-Za-z_])")
_DOCTYPE_REFUSED = "refused, the XML declares a DOCTYPE (entities and DTDs are unsafe)"


def _declares_doctype(data: bytes) -> bool:
    """A DOCTYPE before the root element, so entity attacks are named as such instead of
    surfacing as whatever parse error the blocked entity causes."""
    head = data[:65536]
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = head.decode("utf-16" if utf16 else "latin-1", errors="ignore")
    match = _PROLOG_END.search(text)
    return bool(match and match.group(1) == "!DOCTYPE")


def parse_xml(data: bytes, where: Path) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network; a DOCTYPE is refused outright."""
    if _declares_doctype(data):
        raise ImporterError(where, _DOCTYPE_REFUSED)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImporterError(where, f"not well-formed XML ({_one_line(exc.msg)})") from None
    if root.getroottree().docinfo.doctype:
        raise ImporterError(where, _DOCTYPE_REFUSED)
    return root


class Archive:
    """The zip's members, read in memory within the caps."""

    def __init__(self, path: Path, limits: ZipLimits) -> None:
        self.path = path
        handle = open_source(path, limits.max_total_bytes)  # a regular file, not a FIFO
        try:
            zf = zipfile.ZipFile(handle)
        except OSError as exc:
            handle.close()
            raise ImporterError(path, exc.strerror or str(exc)) from None
        except _ZIP_ERRORS as exc:
            handle.close()
            raise ImporterError(path, f"not a REFI-QDA project (.qdpx zip): {exc}") from None
        with handle, zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if len(infos) > limits.max_entries:
                raise ImporterError(path, f"refused, {len(infos)} entries is more than "
                                    f"{limits.max_entries}")
            self.files: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check_name(path, info.filename)
                data = self._read(zf, info, limits)
                total += len(data)
                if total > limits.max_total_bytes:
                    raise ImporterError(path, f"refused, unpacks to more than "
                                        f"{limits.max_total_bytes} bytes")
                self.files[info.filename] = data
        self.files = _without_wrapping_folder(self.files)
        self.lower = {name.lower(): name for name in self.files}

    def _read(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
        if info.file_size > limits.max_file_bytes:
            raise ImporterError(self.path, f"refused, entry '{info.filename}' is larger than "
                                f"{limits.max_file_bytes} bytes")
        try:
            with zf.open(info) as handle:  # the header may lie: read no more than the cap
                data = handle.read(limits.max_file_bytes + 1)
        except _ZIP_ERRORS as exc:
            raise ImporterError(self.path, f"damaged archive, entry '{info.filename}' cannot "
                                f"be read ({_one_line(exc)})") from None
        if len(data) > limits.max_file_bytes:
            raise ImporterError(self.path, f"refused, entry '{info.filename}' is larger than "
                                f"{limits.max_file_bytes} bytes")
        return data

    def source(self, reference: str) -> bytes | None:
        """A source file by internal://, relative://, absolute:// or bare name, looked up in
        the archive only (never on this computer's disk): in sources/ (any case) first, then
        by base name, also percent-decoded."""
        name = re.sub(r"^(internal|relative|absolute|file):/*(?=[^/])", "", reference.strip(),
                      flags=re.I).replace("\\", "/")
        for spelled in dict.fromkeys((name, unquote(name))):
            base = PurePosixPath(spelled).name
            for candidate in (f"sources/{spelled}", spelled, f"sources/{base}", base):
                real = self.lower.get(candidate.lower())
                if real is not None:
                    return self.files[real]
        return None

    def project_xml(self) -> tuple[str, bytes]:
        roots = sorted(n for n in self.files if "/" not in n and n.lower().endswith(".qde"))
        if not roots:
            raise ImporterError(self.path, "no project .qde file at the root of the archive")
        return roots[0], self.files[roots[0]]


def _without_wrapping_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A project zipped as its folder ('Study/project.qde', 'Study/sources/...', as the
    desktop's 'compress folder' makes it) reads as if the folder were the root. macOS's
    '__MACOSX/' resource forks are ignored."""
    kept = {n: d for n, d in files.items() if not n.startswith("__MACOSX/")}
    tops = {n.split("/", 1)[0] for n in kept}
    if len(tops) != 1 or not all("/" in n for n in kept):
        return files
    cut = len(tops.pop()) + 1
    inner = {n[cut:]: d for n, d in kept.items()}
    has_root_qde = any("/" not in n and n.lower().endswith(".qde") for n in inner)
    return inner if has_root_qde else files


def _one_line(exc: BaseException | str) -> str:
    """Library messages may span lines (lxml's do); ours are one line."""
    text = " ".join(str(exc).split()).rstrip(" ,")
    return text or (type(exc).__name__ if isinstance(exc, BaseException) else "no details")


def _check_name(path: Path, name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", name):
        raise ImporterError(path, f"refused, archive entry '{name}' points outside the archive")


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM dropped); line ends kept, since positions count them."""
    return data.decode("utf-8-sig", errors="replace")
