"""Where the real PDFs live: `tests/data/real` in the repository (small, for CI) and the
development corpus `shared/corpus-dev/pdf`, which sits beside the checkout (main) or one level
up (a worktree under another folder); tests and benchmarks that need it skip without it."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
REAL = _ROOT / "tests" / "data" / "real"
CORPUS = next((p / "shared" / "corpus-dev" / "pdf" for p in (_ROOT.parent, _ROOT.parent.parent)
               if (p / "shared" / "corpus-dev" / "pdf").is_dir()), _ROOT / "no-corpus")
