"""The package's layers import downwards only (the import-linter contract in setup.cfg):
model/errors <- ingest <- extract <- rules <- cache/workers/pipeline <- api <- report <- cli."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _lint(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the ``docmine`` package in ``root`` with the repo's contract (import-linter
    puts the working folder first on the path)."""
    code = ("import sys\n"
            f"sys.path.insert(0, {str(root)!r})\n"
            "from importlinter.cli import lint_imports\n"
            f"sys.exit(lint_imports(config_filename={str(REPO / 'setup.cfg')!r}, no_cache=True, no_logo=True))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=root)


def test_the_package_keeps_its_layers():
    proc = _lint(REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 kept, 0 broken" in proc.stdout


def test_an_import_upwards_breaks_the_contract(tmp_path):
    """A reader that imports the rules (a layer above it) is refused, also inside a function."""
    shutil.copytree(REPO / "docmine", tmp_path / "docmine", ignore=shutil.ignore_patterns("__pycache__"))
    reader = tmp_path / "docmine" / "ingest" / "text.py"
    reader.write_text(reader.read_text(encoding="utf-8")
                      + "\n\ndef _upwards():\n    from ..rules import registry\n    return registry\n", encoding="utf-8")
    proc = _lint(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BROKEN" in proc.stdout and "docmine.ingest.text -> docmine.rules.registry" in proc.stdout
