"""What the command sets up before anything else is imported (``cli.command_setup``, called by
``cli.run``; importing docmine as a library changes nothing): one BLAS thread per process unless
the user chose a number (docmine runs a process per core itself)."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = ("import os, docmine.cli; assert 'OPENBLAS_NUM_THREADS' not in os.environ or os.environ['OPENBLAS_NUM_THREADS'] == '4'; "
        "docmine.cli.command_setup(); print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])")


def _run(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    return subprocess.run([sys.executable, "-c", CODE], env={**base, **env}, check=True,
                          capture_output=True, text=True).stdout.split()


def test_one_blas_thread_by_default():
    assert _run() == ["1", "1"]


def test_the_users_choice_is_kept():
    assert _run(OPENBLAS_NUM_THREADS="4") == ["4", "1"]
