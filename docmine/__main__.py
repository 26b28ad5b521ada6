"""``python -m docmine`` is the ``docmine`` command."""

from .cli import main

main()
