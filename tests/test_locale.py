"""The Dutch catalogue of click's texts: the compiled docmine.mo is what tools/build_mo.py makes
of docmine.po (so an edit of the .po is not forgotten), and it answers every text click shows."""

from __future__ import annotations

import gettext
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "docmine" / "locale" / "nl" / "LC_MESSAGES" / "docmine.po"


def _build_mo():
    spec = importlib.util.spec_from_file_location("build_mo", ROOT / "tools" / "build_mo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_locale_mo_is_compiled_from_po():
    mod = _build_mo()
    assert PO.with_suffix(".mo").read_bytes() == mod.mo_bytes(mod.parse_po(PO.read_text(encoding="utf-8")))


def test_locale_catalogue_translates_click_help_and_errors():
    with open(PO.with_suffix(".mo"), "rb") as fh:
        t = gettext.GNUTranslations(fh)
    assert t.gettext("Usage:") == "Gebruik:" and t.gettext("Show this message and exit.") == "Toon deze hulp en stop."
    assert t.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) == "Bedoelde u {possibility}?"
    assert t.gettext("Not in the catalogue") == "Not in the catalogue"
