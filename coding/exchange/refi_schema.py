"""The REFI-QDA 1.0 schemas (resources/refi_qda, MIT) and checking our output against them."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from lxml import etree

from coding.errors import RealistError

SCHEMA_DIR = Path(str(files("resources") / "refi_qda"))  # package data, also when installed
SCHEMA_FILES = {"project": "Project-mrt2019.xsd", "codebook": "Codebook-mrt2019.xsd"}


@cache
def schema(kind: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / SCHEMA_FILES[kind])))


def validate(root: etree._Element, kind: str) -> None:
    """Refuse to write a file other tools would reject; a failure here is our bug."""
    checker = schema(kind)
    if not checker.validate(root):
        error = checker.error_log.last_error
        raise RealistError(f"export does not match the REFI-QDA {kind} schema: "
                           f"line {error.line}: {error.message}")
