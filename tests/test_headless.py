"""storage/ must work without Textual: import each module in a fresh interpreter and look."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

STORAGE = Path(__file__).resolve().parents[1] / "storage"
MODULES = sorted(".".join(p.relative_to(STORAGE.parent).with_suffix("").parts)
                 for p in STORAGE.rglob("*.py") if p.stem != "__init__")
FORBIDDEN = ("textual", "tui", "rich")  # click comes with sqlite-utils; import-linter checks our own imports


def test_modules_found() -> None:
    assert len(MODULES) > 20 and "storage.service.service" in MODULES


def test_no_module_is_loose_in_storage() -> None:
    """Issue 12: storage/ holds only its __init__.py and the subpackages that show the data path."""
    assert sorted(p.name for p in STORAGE.glob("*.py")) == ["__init__.py"]
    assert sorted(p.name for p in STORAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == [
        "cache", "minutes", "plan", "service", "store", "updates"]


@pytest.mark.parametrize("module", MODULES)
def test_storage_module_does_not_import_textual(module: str) -> None:
    code = (f"import sys, {module}; sys.exit(1 if any(m.split('.')[0] in {FORBIDDEN!r} "
            "for m in sys.modules) else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=STORAGE.parent, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, (
        f"{module} pulls in Textual, rich or tui/ (or failed to import): {result.stderr[-500:]}"
    )
