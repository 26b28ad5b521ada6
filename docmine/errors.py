"""The errors a user sees. Each has a code, a message saying what is wrong and where, and a hint
saying what to do. Library code raises these; the CLI prints ``str(error)`` (one line, plus the
hint) and exits 2. Nothing else should reach a user as a traceback.

Codes (keep them stable, users search for them):

    DM100  file not found            DM110  empty file
    DM101  not a file / unsupported  DM111  encrypted / password protected
    DM102  permission denied         DM112  corrupt or truncated
    DM103  file too large            DM113  a scan that cannot be read (OCR not installed or off, or found no text)
    DM104  outside the audited folder / symlink loop
    DM105  too many pages            DM114  mislabelled (extension does not match content)
    DM106  decompressed size too large (zip bomb)
    DM107  dangerous XML (entity expansion, external entity)
    DM108  timed out                 DM109  could not decode text
    DM115  not a regular file (FIFO, socket, device): skipped without opening it
    DM116  needs more memory than a worker may take on (--max-memory)
    DM117  more text than the limit (--max-text)
    DM118  the worker process was killed by the system twice (out of memory)
    DM120  unexpected failure while reading (a bug in docmine: please report it)
    DM200  rule file error           DM201  rule example failed / rule ran out of time on a document
    DM202  rule file stands for too many values (YAML aliases inside aliases)
    DM203  rule switched off after running out of time on several documents
    DM300  usage error (bad option, output folder not allowed)
    DM301  nothing to audit (an empty folder, or only files docmine does not read)
    DM302  settings file error (docmine.toml, [tool.docmine])
    DM303  output folder in use by another audit
    DM304  baseline cannot be read (missing, not a baseline): all findings shown
    DM305  baseline cannot be written
"""

from __future__ import annotations


class DocmineError(Exception):
    """Base class: ``code``, ``message``, ``hint`` and where (``path``, ``line``, ``page``)."""

    code = "DM000"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint
        self.line = line
        self.page = page
        if code:
            self.code = code

    def where(self) -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.page:
            parts.append(f"pagina {self.page}")
        if self.line:
            parts.append(f"regel {self.line}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ReadError(DocmineError):
    """A document could not be read. The audit reports it and goes on with the others."""

    code = "DM112"


class RuleFileError(DocmineError):
    """One or more rule files are invalid. ``problems`` holds every problem found (not only the
    first), each already formatted with file, line, column and the offending line."""

    code = "DM200"

    def __init__(self, message: str, problems: list[str] | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n\n".join(self.problems)


class DocumentTimeout(Exception):
    """Raised inside an in-process audit when a document's deadline passes (SIGALRM)."""


class UsageError(DocmineError):
    """A wrong option or an output folder docmine may not write to."""

    code = "DM300"
