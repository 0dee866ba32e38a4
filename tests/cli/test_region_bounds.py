"""`uncode --region` checks the page as `code --region` does: a mistyped page is no success."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import content, one_line_failure
from tests.conftest import run_main

PDF = "04_Kinship_study"  # the demo's PDF, two pages
NODE = "Mechanisms/Feeling understood"


@pytest.mark.parametrize(("doc", "region", "reason"), [
    (PDF, ("0", "0", "0", "1", "1"), "page 0 is not in"),
    (PDF, ("99", "0", "0", "1", "1"), "page 99 is not in"),
    (PDF, ("1", "nan", "0", "1", "1"), "not nan or inf"),
    (PDF, ("1", "0", "0", "inf", "1"), "not nan or inf"),
    ("01_Harbour_peer_visits_evaluation", ("1", "0", "0", "9", "9"), "is not a PDF"),
])
def test_uncode_a_region_off_the_document_fails(
        capsys: pytest.CaptureFixture[str], demo_path: Path, doc: str,
        region: tuple[str, ...], reason: str) -> None:
    before = content(demo_path)
    result = run_main(capsys, "uncode", demo_path, doc, NODE, "--region", *region)
    one_line_failure(result, reason)
    assert result.out == ""  # was "uncoded 0 region(s) the rectangle overlaps on page 0"
    assert content(demo_path) == before


def test_code_refuses_nan_too(capsys: pytest.CaptureFixture[str], demo_path: Path) -> None:
    result = run_main(capsys, "code", demo_path, PDF, NODE, "--region", "1", "nan", "0", "9", "9")
    one_line_failure(result, "not nan or inf")


@pytest.mark.parametrize("region", [
    ("1", "-50", "-50", "-10", "-10"),  # below and left of the page
    ("1", "700", "100", "900", "200"),  # right of an A4 page (595 points wide)
    ("1", "100", "900", "200", "1000"),  # above it (842 high)
])
def test_code_refuses_a_rectangle_off_its_page(
        capsys: pytest.CaptureFixture[str], demo_path: Path, region: tuple[str, ...]) -> None:
    before = content(demo_path)
    result = run_main(capsys, "code", demo_path, PDF, NODE, "--region", *region)
    one_line_failure(result, "is off page 1 (595 × 842 points")
    assert content(demo_path) == before


def test_code_takes_a_rectangle_partly_on_its_page(
        capsys: pytest.CaptureFixture[str], demo_path: Path) -> None:
    result = run_main(capsys, "code", demo_path, PDF, NODE, "--region", "1", "-20", "600", "300",
                      "900")
    assert result.code == 0, result.err
    assert "coded the region on page 1" in result.out
