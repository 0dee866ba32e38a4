"""Hostile .qdpx files: mutated real exports, imported through the public API.

Allowed: a new project that passes the full integrity check (every span inside its text), or
an ImporterError / StorageError with a one-line message and nothing left in the folder.
Never another exception, never a hang. CI runs 40 cases; `-m slow` runs 400.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from coding.backups import check_project
from coding.exchange.refi_import import import_qdpx
from importers.base import ImporterError
from storage.errors import StorageError
from tests.reliability.fuzz_inputs import mutated_qdpx, qdpx_seed
from tests.reliability.test_fuzz_importers import CASE_SECONDS, time_limit


def _import_one(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "case.qdpx", Path(folder) / "case.realist"
        source.write_bytes(data)
        with time_limit(CASE_SECONDS):
            try:
                import_qdpx(source, target)
            except (ImporterError, StorageError) as exc:
                assert "\n" not in str(exc).strip(), str(exc)
                assert sorted(p.name for p in Path(folder).iterdir()) == ["case.qdpx"]
                return
        assert check_project(target) == [], "an imported project fails its own checks"


def _fuzz(examples: int) -> Callable[..., None]:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=mutated_qdpx())
    def run(data: bytes) -> None:
        _import_one(data)

    return run


def test_the_seed_imports() -> None:
    _import_one(qdpx_seed())


test_fuzz_qdpx = _fuzz(40)
test_fuzz_qdpx_long = pytest.mark.slow(_fuzz(400))
