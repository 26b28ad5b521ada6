"""What `pip install .` (not editable) puts into site-packages: every package of the source tree.

setup.cfg lists the packages by name; a new subpackage that is not listed is left out of a
normal install and docmine fails to import there (an editable install, as in development,
does not show it).
"""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _listed() -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return {line.strip() for line in cfg["options"]["packages"].splitlines() if line.strip()}


def test_every_package_of_the_source_tree_is_installed():
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "docmine").rglob("__init__.py")}
    missing = sorted(on_disk - _listed())
    assert not missing, f"add to [options] packages in setup.cfg: {', '.join(missing)}"


def test_every_listed_package_exists():
    ghosts = sorted(name for name in _listed() - {"docmine.packs"}
                    if not (ROOT / Path(*name.split(".")) / "__init__.py").is_file())
    assert not ghosts, f"listed in setup.cfg but not in the source tree: {', '.join(ghosts)}"
