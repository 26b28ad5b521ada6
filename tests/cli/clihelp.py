"""Running ``docmine`` in-process for the command-line tests."""

from __future__ import annotations

from click.testing import CliRunner

from docmine.cli import main


def run(*args, **kw):
    """``docmine ARGS`` in-process; ``.stdout`` and ``.stderr`` apart, ``.exit_code``."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)
