"""storage/ must work without Textual: import each module in a fresh interpreter and look."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

STORAGE = Path(__file__).resolve().parents[1] / "storage"
MODULES = sorted(f"storage.{p.stem}" for p in STORAGE.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("module", MODULES)
def test_storage_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if any(m == 'textual' or m.startswith(('textual.', 'tui')) for m in sys.modules) else 0)"
    result = subprocess.run([sys.executable, "-c", code], cwd=STORAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, f"{module} pulls in Textual or tui/ (or failed to import): {result.stderr[-500:]}"
