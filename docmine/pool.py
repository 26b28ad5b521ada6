"""Worker processes for the per-document work, each with a deadline and a memory limit per
document.

    for outcome in run_pool(files, jobs, rules, options, compiled, guard=RuleGuard(rules)): ...

What a worker process may do with one document is bounded:

- time: ``Limits.timeout`` per document; past it the worker is killed and replaced (DM108);
- memory: a worker may take on ``Limits.max_memory`` bytes of address space beyond what it
  started with (``resource.setrlimit``); a document needing more is DM116, not a machine
  brought to its knees (a 1.6 MB DOCX holding 450 MB of XML reached 4.4 GB);
- a worker that dies (the kernel's OOM killer, a crash in a reading library) has its document
  tried once more in a fresh worker before that document is blamed (DM118 / DM120);
- a rule the ``RuleGuard`` switches off is switched off in every worker.

Why a pool of our own and not a maintained one (checked with pebble 5.2 and loky): pebble's
``ProcessPool`` has the per-task deadline and replaces a dead worker, but (1) it cannot start
inside a Dask worker, whose process is daemonic (``AssertionError: daemonic processes are not
allowed to have children``; ``_start`` below lifts that flag only while our worker starts), and
(2) it gives no way to learn what a killed task was doing, which the ``RuleGuard`` needs to switch
off the rule that ran out of time (here the worker writes it to shared memory, ``progress``).
loky has no per-task deadline at all (its ``timeout`` is for idle workers). Both exit their
workers when the parent is killed, as this pool does (``_close_inherited``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import wait as mp_wait
from pathlib import Path
from typing import Any, Iterator

from .model import Rule
from .workers import (_WORKER, Outcome, RuleGuard, _init_worker, crash_error, killed_error, memory_error,
                      process_one, timeout_error, worker_options)

# A worker answers with a list of Outcomes: up to BATCH at a time, or fewer when it has no task
# left or its oldest unsent answer has waited FLUSH_AFTER seconds (what is lost and done again
# elsewhere when a worker is killed at most). One message per 4 documents
# instead of one each: main-process CPU while the workers run (1,433 text files) ~0.39 -> ~0.3 s
# (fewer wait/recv/send rounds, also fewer in the workers).
BATCH = 4
FLUSH_AFTER = 0.25


def _sendable(out: Outcome) -> Outcome:
    """``out``, or a DM120 Outcome in its place when it cannot be pickled."""
    from multiprocessing.reduction import ForkingPickler

    try:
        ForkingPickler.dumps(out)
    except Exception as exc:
        return Outcome(out.rel, None, [], crash_error(out.rel, f"resultaat niet over te dragen: {exc}"), {}, cacheable=False)
    return out


def _send_results(conn, outs: list[Outcome]) -> bool:
    """Send ``outs`` to the parent; False when it is gone (killed: its end of the pipe closed)."""
    try:
        conn.send(outs)
    except (BrokenPipeError, ConnectionResetError):
        return False
    except Exception:  # an unpicklable result: the others as they are, that one as DM120
        try:
            conn.send([_sendable(out) for out in outs])
        except (BrokenPipeError, ConnectionResetError):
            return False
    return True


def _close_inherited(conn) -> None:
    """In a forked worker: close every file descriptor it inherited but standard in/out/error
    and its own pipe. Its siblings' and its own parent-side pipe ends among them: otherwise no
    worker sees its pipe close when the parent is killed (kill -9), and waits for work for ever;
    and in a Dask worker its sockets, which a worker kept between tasks would hold open. What
    refers to them here is never used or closed (the process ends with ``os._exit``)."""
    try:
        signal.set_wakeup_fd(-1)  # an asyncio loop's (Dask): a signal would write to a reused number
    except (ValueError, OSError):
        pass
    keep = conn.fileno()
    try:
        top = os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        top = 65536
    os.closerange(3, keep)
    os.closerange(keep + 1, max(top, keep + 1))


def limit_memory(extra: int) -> None:
    """Let this process take on at most ``extra`` more bytes of address space than it has now
    (``RLIMIT_AS``): past it an allocation fails with MemoryError (DM116) instead of the
    machine running out of memory. Where the limit cannot be set (no /proc, no resource module)
    nothing happens."""
    if not extra:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass


def _worker_main(conn, rules: list[Rule], options: Any, progress=None, compiled: list | None = None,
                 forked: bool = False, disabled: frozenset[str] = frozenset()) -> None:
    """Loop of one worker process: receive lists of (path, rel), send back lists of Outcomes in
    task order (see BATCH); None ends it, a ``("off", rule ids)`` message switches rules off
    (see RuleGuard). Before each document it writes to ``progress`` (shared memory) when it
    started it and how many it has started, for the parent's deadline, and while the rules run
    which one is running. ``compiled``: the parent's compiled rules, inherited through fork
    (``forked``). Its memory is limited to ``options.limits.max_memory`` beyond what it started with."""
    if forked:
        _close_inherited(conn)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    gc.enable()  # the parent may have switched it off while collecting results
    gc.freeze()  # what we inherited is not our garbage: the collector skips it (and its pages stay shared)
    on_rule = (lambda i: progress.__setitem__(2, i)) if progress is not None else None
    # the parent's compiled rules (fork), or compiled here (spawn)
    _init_worker(rules, options, compiled, on_rule=on_rule, disabled=disabled)
    limit_memory(getattr(getattr(options, "limits", None), "max_memory", 0) or 0)
    queue: deque[tuple[Path, str]] = deque()
    done: list[Outcome] = []
    started = 0
    oldest = 0.0  # when the oldest of ``done`` was finished

    def take(message: Any) -> bool:
        """A message from the parent: False when it says stop."""
        if message is None:
            return False
        if isinstance(message, tuple) and message[:1] == ("off",):
            _WORKER["ctx"].disabled = frozenset(message[1])
        else:
            queue.extend(message)
        return True

    while True:
        try:
            while queue and conn.poll():  # what came while busy: more tasks, rules switched off
                if not take(conn.recv()):
                    return
            if not queue and (not done or conn.poll()):  # out of tasks: wait only with nothing to send
                if not take(conn.recv()):
                    return
        except (EOFError, OSError):
            return
        if done and (not queue or len(done) >= BATCH or time.monotonic() - oldest >= FLUSH_AFTER):
            if not _send_results(conn, done):
                return  # nobody to work for
            done = []
        if not queue:
            continue
        path, rel = queue.popleft()
        started += 1
        if progress is not None:
            progress[2] = -1
            progress[1] = time.monotonic()  # the time first: a parent reading between the two
            progress[0] = started  # writes sees the older count with a later time (no early kill)
        try:
            out = process_one(path, rel)
        except MemoryError:
            out = Outcome(rel, None, [], memory_error(rel), {}, cacheable=False)
        except BaseException as exc:  # noqa: BLE001 - must answer whatever happens
            out = Outcome(rel, None, [], crash_error(rel, f"{type(exc).__name__}: {exc}"), {}, cacheable=False)
        if not done:
            oldest = time.monotonic()
        done.append(out)


class _Worker:
    """One worker process and the tasks sent to it, oldest first. Up to IN_FLIGHT are queued in
    it, so that it goes on with the next document instead of waiting for this process to take
    its answers and send more. The deadline is that of the document it is on: it reports in
    shared memory when it started it (a document it finished but did not send yet goes back
    to another worker if this one is killed)."""

    IN_FLIGHT = 2 * BATCH

    def __init__(self, mpctx, rules, options, compiled: list | None = None,
                 disabled: frozenset[str] = frozenset()) -> None:
        self.conn, child = mpctx.Pipe(duplex=True)
        # documents started, monotonic time of the last start, index of the rule running (-1: none)
        self.progress = mpctx.RawArray("d", 3)
        self.progress[2] = -1
        forked = mpctx.get_start_method() == "fork"
        self.proc = mpctx.Process(target=_worker_main, daemon=True,  # spawn: the child compiles the rules
                                  args=(child, rules, options, self.progress, compiled if forked else None, forked,
                                        disabled))
        _start(self.proc)
        child.close()
        self.tasks: deque[tuple[Path, str]] = deque()
        self.answered = 0
        self.since = 0.0  # last answer, or when it got tasks while it had none

    def current(self) -> tuple[int, float]:
        """(index in ``tasks`` of the document it is on, when it started on it). Between two
        documents: (0, time of the last answer): it starts on ``tasks[0]`` at once."""
        started = int(self.progress[0])  # the count first (see _worker_main)
        at = self.progress[1]
        if started > self.answered:
            return started - 1 - self.answered, at
        return 0, self.since

    def rule_running(self) -> int:
        """Index of the per-document rule it is running (-1: none)."""
        return int(self.progress[2])

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        except Exception:
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except Exception:
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_STARTING = threading.Lock()


def _start(proc: multiprocessing.process.BaseProcess) -> None:
    """``proc.start()``, also in a daemonic process. A Dask worker runs as one, and
    multiprocessing allows a daemon no children (they could outlive it); docmine's worker
    processes do not outlive their parent: they are daemons too, ended when it exits, and a
    worker whose parent was killed ends at its closed pipe. The flag is lifted only while this
    start runs."""
    config = getattr(multiprocessing.current_process(), "_config", None)
    if not (isinstance(config, dict) and config.get("daemon")):
        proc.start()
        return
    with _STARTING:  # the Dask worker's other task threads may start workers of their own
        config["daemon"] = False
        try:
            proc.start()
        finally:
            config["daemon"] = True


def run_pool(tasks: list[tuple[Path, str]], jobs: int, rules: list[Rule], options: Any,
             compiled: list | None = None, workers: list[_Worker] | None = None,
             guard: RuleGuard | None = None) -> Iterator[Outcome]:
    """Worker processes, up to IN_FLIGHT tasks queued per worker; a worker past its deadline is
    killed and replaced (its other tasks go to another); a worker that dies is replaced and its
    document tried once more, then reported. ``compiled``: rules compiled here
    (``compile_for_workers``), which forked workers inherit instead of compiling them again.
    ``workers``: the caller's list of workers to use and leave running for its next call
    (started as needed, the ones that died or were killed taken out), for a caller with many
    small task lists (a Dask worker). ``guard``: rules that run out of time are switched off in
    every worker."""
    pool = _Pool(tasks, rules, options, compiled, workers, guard)
    try:
        pool.start(min(jobs, len(tasks)))
        while pool.pending or any(w.tasks for w in pool.workers):
            pool.fill()
            ready = pool.wait()
            now = time.monotonic()
            for i, w in enumerate(pool.workers):
                if w.tasks:
                    yield from pool.answers(i, w, now) if w.conn in ready else pool.overdue(i, w, now)
    finally:
        pool.close()


class _Pool:
    """The state of one ``run_pool``: its workers, the tasks not sent yet, what was retried."""

    def __init__(self, tasks: list[tuple[Path, str]], rules: list[Rule], options: Any, compiled: list | None,
                 workers: list[_Worker] | None, guard: RuleGuard | None) -> None:
        self.timeout = float(getattr(options.limits, "timeout", 0) or 0)
        self.mpctx = _mp_context()
        self.rules, self.options, self.compiled, self.guard = rules, worker_options(options), compiled, guard
        self.pending = list(reversed(tasks))
        self.keep = workers is not None
        self.workers: list[_Worker] = workers if workers is not None else []
        self.retried: set[str] = set()  # documents whose worker died once already

    def new_worker(self) -> _Worker:
        disabled = self.guard.disabled if self.guard is not None else frozenset()
        return _Worker(self.mpctx, self.rules, self.options, self.compiled, disabled)

    def start(self, n: int) -> None:
        for w in [w for w in self.workers if not w.proc.is_alive()]:
            w.kill()  # reaps it, closes its pipe
            self.workers.remove(w)
        self.workers.extend(self.new_worker() for _ in range(n - len(self.workers)))

    def fill(self) -> None:
        """Send each worker tasks up to IN_FLIGHT."""
        for i, w in enumerate(self.workers):
            room = _Worker.IN_FLIGHT - len(w.tasks)
            if room <= 0 or not self.pending:
                continue
            batch = self.pending[-room:][::-1]
            del self.pending[-room:]
            try:
                w.conn.send(batch)
            except (OSError, ValueError):  # worker gone: replace it and retry the tasks
                self.pending.extend(reversed(batch))
                self.pending.extend(reversed(w.tasks))
                w.kill()
                self.workers[i] = self.new_worker()
                continue
            if not w.tasks:
                w.since = time.monotonic()
            w.tasks.extend(batch)

    def wait(self) -> list:
        """The pipes with answers, once one has some or the first deadline passes."""
        busy = [w for w in self.workers if w.tasks]
        first = min(w.current()[1] for w in busy) + self.timeout if self.timeout > 0 else None
        return mp_wait([w.conn for w in busy], timeout=None if first is None else max(first - time.monotonic(), 0))

    def answers(self, i: int, w: _Worker, now: float) -> Iterator[Outcome]:
        try:
            outs = w.conn.recv()
        except (EOFError, OSError):  # it died (the OOM killer, a crash in a library)
            task = self.replace(i, w.current()[0])
            if task[1] not in self.retried:  # once more, in a fresh worker, before it is blamed
                self.retried.add(task[1])
                self.pending.append(task)
                return
            yield Outcome(task[1], None, [], killed_error(task[1], w.proc.exitcode), {}, cacheable=False)
            return
        w.since = now  # the worker is now on the next queued task
        for out in outs:
            w.tasks.popleft()
            w.answered += 1
            yield self.noted(out)

    def overdue(self, i: int, w: _Worker, now: float) -> Iterator[Outcome]:
        """The document of worker ``i`` when it is past its deadline (the worker is replaced)."""
        at, started = w.current()
        if self.timeout > 0 and now >= started + self.timeout:
            rule_index = w.rule_running()
            rel = self.replace(i, at)[1]
            yield self.noted(Outcome(rel, None, [], timeout_error(rel, self.timeout), {}, cacheable=False), rule_index)

    def replace(self, i: int, at: int) -> tuple[Path, str]:
        """Kill worker ``i`` and start a new one; its tasks but the one at ``at`` go back (also
        those it finished and did not send). Returns that one."""
        w = self.workers[i]
        w.kill()
        task = w.tasks[at]
        del w.tasks[at]
        self.pending.extend(reversed(w.tasks))
        self.workers[i] = self.new_worker()
        return task

    def noted(self, out: Outcome, rule_index: int = -1) -> Outcome:
        """``out``, after the guard has seen it; a rule it switches off is switched off everywhere."""
        if self.guard is not None and self.guard.saw(out, rule_index):
            for w in self.workers:
                try:
                    w.conn.send(("off", sorted(self.guard.disabled)))
                except (OSError, ValueError):
                    pass  # a worker gone: replaced (with the rules off) when it is next used
        return out

    def close(self) -> None:
        for w in self.workers:
            if w.tasks:  # an error or Ctrl-C here: what it still has is not needed
                w.kill()
            elif not self.keep:
                w.stop()
        if self.keep:
            self.workers[:] = [w for w in self.workers if not w.tasks]
