"""Rule examples are tests: build documents from a rule's ``examples`` and check the rule
finds something in every ``match`` and nothing in any ``no_match``.

    >>> results = run_examples(load_rules())
    >>> [r.describe() for r in results if not r.passed]
    []

An example is a string (the text of one document) or a mapping with ``text`` or ``file``
(relative to the rule file), and optionally ``type``, ``law``, ``date``, ``path``, ``title``,
``metadata``, ``count`` (exact number of findings), or ``documents: [...]`` for corpus rules.
The text goes through the real reader and extractor, as a document on disk would.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..extract import extract_structure
from ..ingest import read_document
from ..limits import Limits
from ..model import Document, Finding, Page, Rule, SourceMap
from . import registry
from .base import Context, RuleType


def _read_text(text: str, rel: str, suffix: str = ".txt") -> Document:
    """Run the real reader (normalisation, source map) on ``text`` via a temporary file."""
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix="docmine-example-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        doc = read_document(Path(tmp), rel, Limits())
        doc.path = rel
        return doc
    except Exception:
        pass
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return Document(path=rel, format="txt", text=text, pages=[Page(1, 0, len(text))],
                    source_map=SourceMap.identity(text))


def _extract(doc: Document, type_: str | None) -> Document:
    try:
        overrides = {"*": type_, doc.path: type_} if type_ else {}
        doc = extract_structure(doc, overrides) or doc
    except Exception:
        pass
    return doc


def document_from_text(text: str, *, path: str = "voorbeeld.txt", type: str | None = None,
                       law: str | None = None, date_: date | None = None, title: str | None = None,
                       metadata: dict | None = None) -> Document:
    """One Document from plain text, read and extracted as a real file would be; the given
    type/law/date/title win over what extraction guessed."""
    doc = _extract(_read_text(text, path, Path(path).suffix or ".txt"), type)
    if type:
        doc.type = type
    if law:
        doc.law = law
        for c in doc.clauses:
            if c.law is None:
                c.law = law
    if date_:
        doc.date = date_
    if title:
        doc.title = title
    if metadata:
        doc.metadata.update(metadata)
    return doc


def documents_from_example(example: Any, base_dir: str | os.PathLike | None = None) -> list[Document]:
    """The documents one example stands for (see the module docstring for the forms)."""
    if isinstance(example, str):
        return [document_from_text(example)]
    if not isinstance(example, dict):
        raise TypeError(f"voorbeeld moet tekst of een mapping zijn, niet {type(example).__name__}")
    if example.get("documents"):
        docs = []
        for i, sub in enumerate(example["documents"]):
            if isinstance(sub, str):
                sub = {"text": sub}
            sub = dict(sub)
            sub.setdefault("path", f"voorbeeld-{i + 1}.txt")
            docs.extend(documents_from_example(sub, base_dir))
        return docs
    text = example.get("text")
    path = example.get("path")
    if example.get("file"):
        f = _inside_pack(example["file"], base_dir)
        path = path or f.name
        if f.suffix.lower() in (".txt", ".md", "") and text is None:
            text = f.read_text(encoding="utf-8")
        else:
            doc = read_document(f, path, Limits())
            doc = extract_structure(doc, {"*": example["type"]} if example.get("type") else {})
            _apply(doc, example)
            return [doc]
    d = example.get("date")
    if isinstance(d, str):
        d = date.fromisoformat(d)
    doc = document_from_text(text or "", path=path or "voorbeeld.txt", type=example.get("type"),
                             law=example.get("law"), date_=d, title=example.get("title"),
                             metadata=example.get("metadata"))
    return [doc]


def _apply(doc: Document, example: dict) -> None:
    if example.get("type"):
        doc.type = example["type"]
    if example.get("law"):
        doc.law = example["law"]
    if example.get("date"):
        d = example["date"]
        doc.date = date.fromisoformat(d) if isinstance(d, str) else d
    if example.get("title"):
        doc.title = example["title"]
    if example.get("metadata"):
        doc.metadata.update(example["metadata"])


@dataclass
class ExampleResult:
    """The outcome of one example of one rule."""

    rule: str
    kind: str  # match | no_match
    index: int
    file: str | None
    line: int | None
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    example: Any = None

    @property
    def test_id(self) -> str:
        return f"{self.rule}/{self.kind}/{self.index}"

    def describe(self) -> str:
        """``file:line: rule/kind/i: what went wrong`` (Dutch), pointing at the example."""
        where = f"{self.file}:{self.line}" if self.file else self.rule
        text = self.example if isinstance(self.example, str) else (self.example or {}).get("text") or (self.example or {}).get("file") or ""
        short = " ".join(str(text).split())
        short = short if len(short) <= 90 else short[:87] + "..."
        if self.error:
            return f"{where}: {self.test_id}: fout bij het uitvoeren: {self.error}\n    voorbeeld: {short!r}"
        if self.passed:
            return f"{where}: {self.test_id}: geslaagd"
        if self.kind == "match":
            expected = (self.example or {}).get("count") if isinstance(self.example, dict) else None
            if expected is not None:
                what = f"verwachtte {expected} bevinding(en), kreeg er {len(self.findings)}"
            else:
                what = "verwachtte een bevinding, maar de controle vond niets"
        else:
            found = "; ".join(repr(f.excerpt) for f in self.findings[:3])
            what = f"verwachtte geen bevinding, maar de controle vond {len(self.findings)}: {found}"
        return f"{where}: {self.test_id}: {what}\n    voorbeeld: {short!r}"


def example_lines(rule: Rule) -> dict[tuple[str, int], int]:
    """Line of each example in the rule file: {(kind, index): line}."""
    out: dict[tuple[str, int], int] = {}
    if not rule.file or not os.path.exists(rule.file):
        return out
    try:
        from .yamlpos import load_with_marks

        text = Path(rule.file).read_text(encoding="utf-8")
        data, marks, _ = load_with_marks(text, rule.file)
        for i, r in enumerate((data or {}).get("rules") or []):
            if isinstance(r, dict) and r.get("id") == rule.id:
                for kind in ("match", "no_match"):
                    for j in range(len(((r.get("examples") or {}).get(kind)) or [])):
                        m = marks.get(("rules", i, "examples", kind, j))
                        if m:
                            out[(kind, j)] = m.line
                break
    except Exception:
        pass
    return out


def example_cases(rules: list[Rule]) -> list[tuple[Rule, str, int, Any]]:
    """Every (rule, kind, index, example), in file order."""
    return [(r, kind, i, ex) for r in rules for kind in ("match", "no_match")
            for i, ex in enumerate((r.examples or {}).get(kind) or [])]


def findings_of(rt: RuleType, example: Any, ctx: Context, base_dir: str | None = None) -> list[Finding]:
    """What compiled rule ``rt`` finds in one YAML example (a corpus rule: in all its documents)."""
    docs = documents_from_example(example, base_dir)
    if rt.level == "corpus":
        return list(rt.check_corpus(docs, ctx))
    return [f for d in docs if rt.applies_to(d) for f in rt.check_document(d, ctx)]


def run_example(rule: Rule, kind: str, index: int, example: Any, compiled: Any = None,
                ctx: Context | None = None, line: int | None = None) -> ExampleResult:
    """Run one example of one rule."""
    base_dir = str(Path(rule.file).parent) if rule.file else None
    res = ExampleResult(rule.id, kind, index, rule.file, line or rule.line, False, example=example)
    try:
        rt = compiled or registry.get(rule.type)(rule)
        findings = findings_of(rt, example, ctx or Context(), base_dir)
    except Exception as exc:  # a broken example is a failed example, not a crash
        res.error = f"{type(exc).__name__}: {exc}"
        return res
    res.findings = findings
    expected = example.get("count") if isinstance(example, dict) else None
    if kind == "match":
        res.passed = bool(findings) if expected is None else len(findings) == expected
    else:
        res.passed = not findings
    return res


def run_examples(rules: list[Rule]) -> list[ExampleResult]:
    """Run every example of every rule; one result per example."""
    from . import registry

    out: list[ExampleResult] = []
    ctx = Context()
    for rule in rules:
        lines = example_lines(rule)
        try:
            compiled = registry.get(rule.type)(rule)
        except Exception as exc:
            out.append(ExampleResult(rule.id, "match", 0, rule.file, rule.line, False, error=str(exc)))
            continue
        for kind in ("match", "no_match"):
            for i, ex in enumerate((rule.examples or {}).get(kind) or []):
                out.append(run_example(rule, kind, i, ex, compiled, ctx, lines.get((kind, i))))
    return out


def _inside_pack(name: str, base_dir: str | None) -> Path:
    """An example file, which must lie inside the rule pack's own folder: a rule file is data and
    may not make docmine read elsewhere (``/etc/passwd``, ``../../geheim.docx``)."""
    from ..errors import RuleFileError

    base = Path(base_dir or ".").resolve()
    f = Path(name)
    target = (base / f).resolve()
    if f.is_absolute() or not target.is_relative_to(base):
        raise RuleFileError.of("DM200", "example_outside", name=name, base=base)
    return target
