"""A piece of a report made in a forked child while this process makes the rest: the child hands
back bytes through a pipe. Used to spread a writer's work over the machine's cores; whatever goes
wrong in the child (no fork, an error, a kill), the piece is made here instead.

    piece = Background(lambda: b"...", fork=True)   # starts the child
    ...                                              # this process goes on
    data = piece.result()                            # the child's bytes (or made here)
    piece.close()                                    # in a finally: no child left behind
"""

from __future__ import annotations

import os
from typing import Callable


def reap(pid: int) -> bool:
    """Wait for a child; True if it exited with 0."""
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status) == 0
        except InterruptedError:
            continue
        except ChildProcessError:
            return False


class Background:
    """``make()`` run in a forked child (``fork=True`` and fork possible) or, at ``result()``, here."""

    def __init__(self, make: Callable[[], bytes], fork: bool) -> None:
        self._make = make
        self._pid: int | None = None
        self._fd: int | None = None
        if fork and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        try:
            rfd, wfd = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(rfd)
            os.close(wfd)
            return
        if pid == 0:  # child: make the bytes, send them, leave without the parent's cleanup or buffers
            code = 1
            try:
                os.close(rfd)
                with open(wfd, "wb") as pipe:
                    pipe.write(self._make())
                code = 0
            except BaseException:  # noqa: BLE001 - the parent makes the piece itself
                code = 1
            finally:
                os._exit(code)
        os.close(wfd)
        self._pid, self._fd = pid, rfd

    def result(self) -> bytes:
        if self._pid is not None:
            pid, self._pid = self._pid, None
            try:
                with open(self._fd, "rb") as pipe:
                    data = pipe.read()
            except OSError:
                data = None
            if reap(pid) and data is not None:
                return data
        return self._make()

    def close(self) -> None:
        """Stop waiting for a child whose bytes are not needed (the caller failed): it ends on the
        closed pipe and is reaped."""
        if self._pid is not None:
            pid, self._pid = self._pid, None
            os.close(self._fd)
            reap(pid)
