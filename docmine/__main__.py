"""``python -m docmine`` is the ``docmine`` command."""

from .cli import run

run()
