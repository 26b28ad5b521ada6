"""``type: pattern``: a regular expression (run with a time limit) or a spaCy token pattern.

    - id: beschikking-onbepaalde-tijd
      type: pattern
      severity: warning
      message: Een beschikking voor onbepaalde tijd stuurt niet op afschalen.
      pattern: '\\bvoor onbepaalde (?:tijd|duur)\\b'

Regexes are matched case-insensitively unless ``case_sensitive: true``, with the ``regex``
package and a ``timeout`` (seconds): a catastrophic expression is stopped and becomes a rule
error (DM201 in ``AuditResult.errors``, naming the rule file and line and the document; see
``split_rule_errors``) and a document warning, never a hang. ``tokens`` takes a spaCy Matcher
pattern, e.g. ``[{LEMMA: indiceren}]``. ``unless: [historisch, citaat, vermelding]`` work as
for terms.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ... import errors as catalogue
from ...extract import nlp
from ...extract.laws import speaks_from
from ...model import Document, DocumentError, Finding
from ..base import Context, RuleType, make_finding
from ..registry import register

RULE_ERROR = "regelfout"  # Finding.type of a rule that failed on one document


def split_rule_errors(findings: list[Finding]) -> tuple[list[Finding], list[DocumentError]]:
    """Take the rule-error findings out of ``findings``: each becomes a ``DocumentError`` with
    code DM201 whose ``document`` is the rule file and whose message names the rule and the
    document. The audit pipeline calls this so a broken rule is reported as an error, not as a
    finding about a document.

    >>> split_rule_errors([])
    ([], [])
    """
    kept: list[Finding] = []
    errors: list[DocumentError] = []
    for f in findings:
        if f.type == RULE_ERROR:
            rule_file = (f.related[0].get("document") if f.related else None) or f.rule
            errors.append(DocumentError(rule_file, "DM201", f.message, f.suggestion))
        else:
            kept.append(f)
    return kept, errors


def _compile(expr: str, case_sensitive: bool = False) -> "regex.Pattern":
    flags = regex.MULTILINE | regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile(expr, flags)


def _check_regex(expr: str) -> str:
    try:
        _compile(expr)
    except regex.error as exc:
        pos = f" op positie {exc.pos + 1}" if getattr(exc, "pos", None) is not None else ""
        raise ValueError(f"ongeldige reguliere expressie{pos}: {exc.msg if hasattr(exc, 'msg') else exc}"
                         f"\nhint: controleer haakjes en escapes; schrijf een letterlijke punt of haakje als '\\.' of '\\(' "
                         f"en zet de expressie tussen enkele aanhalingstekens") from None
    return expr


class PatternParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str | None = Field(default=None, description="reguliere expressie")
    patterns: list[str] | None = Field(default=None, description="meerdere reguliere expressies")
    tokens: list[dict[str, Any]] | None = Field(default=None, description="spaCy token-patroon, bijv. [{LEMMA: indiceren}]")
    case_sensitive: bool = False
    timeout: float = Field(default=1.0, gt=0, le=60, description="seconden per document")
    repealed: date | None = None

    @field_validator("pattern")
    @classmethod
    def _one(cls, v: str | None) -> str | None:
        return _check_regex(v) if v is not None else v

    @field_validator("patterns")
    @classmethod
    def _many(cls, v: list[str] | None) -> list[str] | None:
        if v is not None:
            for i, p in enumerate(v):
                try:
                    _check_regex(p)
                except ValueError as exc:
                    msg, _, hint = str(exc).partition("\nhint: ")
                    raise ValueError(f"patroon {i + 1}: {msg}\nhint: {hint}") from None
        return v

    @field_validator("tokens")
    @classmethod
    def _tokens(cls, v: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
        if v is not None:
            from spacy.matcher import Matcher

            try:
                Matcher(nlp.get_nlp().vocab, validate=True).add("x", [v])
            except Exception as exc:
                first = str(exc).strip().splitlines()[0][:200]
                raise ValueError(f"ongeldig token-patroon: {first}\nhint: gebruik spaCy-sleutels zoals LEMMA, LOWER, TEXT, OP, "
                                 f"bijv. [{{LEMMA: indiceren}}]") from None
        return v

    @model_validator(mode="after")
    def _exactly_one(self) -> "PatternParams":
        given = [k for k in ("pattern", "patterns", "tokens") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("geef precies één van 'pattern', 'patterns' of 'tokens'"
                             "\nhint: pattern: '\\bvoor onbepaalde tijd\\b'")
        return self


@register("pattern")
class PatternRule(RuleType):
    """A regular expression or a spaCy token pattern (see module docstring)."""

    Params = PatternParams

    def __init__(self, rule) -> None:
        super().__init__(rule)
        p: PatternParams = self.params  # type: ignore[assignment]
        exprs = [p.pattern] if p.pattern else (p.patterns or [])
        self.regexes = [_compile(e, p.case_sensitive) for e in exprs]
        self.matcher = None
        if p.tokens:
            from spacy.matcher import Matcher

            self.matcher = Matcher(nlp.get_nlp().vocab)
            self.matcher.add(rule.id, [p.tokens])

    def _spans(self, doc: Document) -> tuple[list[tuple[int, int]], str | None]:
        p: PatternParams = self.params  # type: ignore[assignment]
        spans: list[tuple[int, int]] = []
        for rx in self.regexes:
            try:
                for m in rx.finditer(doc.text, timeout=p.timeout):
                    if m.end() > m.start():
                        spans.append((m.start(), m.end()))
            except TimeoutError:
                return spans, rx.pattern
        if self.matcher is not None:
            nlp_ = nlp.get_nlp()
            # paragraph by paragraph: one spaCy call per paragraph, never the whole file at once
            pos = 0
            for para in doc.text.split("\n\n"):
                if para.strip():
                    sdoc = nlp_(para)
                    for _, s, e in self.matcher(sdoc):
                        spans.append((pos + sdoc[s].idx, pos + sdoc[e - 1].idx + len(sdoc[e - 1].text)))
                pos += len(para) + 2
        return sorted(set(spans)), None

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        spans, timed_out = self._spans(doc)
        out: list[Finding] = []
        errs: list[Finding] = []
        if timed_out is not None:
            p: PatternParams = self.params  # type: ignore[assignment]
            where = f"{self.rule.file}:{self.rule.line}" if self.rule.file else self.rule.id
            stopped = catalogue.text("DM201", rule=self.rule.id, where=where, document=doc.path, timeout=p.timeout)
            doc.warnings.append(stopped.message)
            f = make_finding(self.rule, doc, 0, 0, message=stopped.message, severity="warning",
                             suggestion=stopped.hint, excerpt="")
            f.type = RULE_ERROR
            f.related = [{"document": self.rule.file or self.rule.id, "clause": None, "excerpt": timed_out}]
            f.fingerprint = f.compute_fingerprint()
            errs.append(f)
        filters = set(self.rule.unless or ())
        last = -1
        for s, e in ctx.examine(self.rule.id, spans, out):  # past the cap: "en nog N" (engine)
            if s < last:
                continue
            if filters:
                ss, se = nlp.sentence_bounds(doc.text, s, e)
                if "historisch" in filters and nlp.is_historical(doc.text[ss:se], s - ss, e - ss):
                    continue
                if "citaat" in filters and nlp.in_quotation(doc.text, s, e):
                    continue
                if "vermelding" in filters and nlp.is_mention(doc.text, s, e):
                    continue
            last = e
            out.append(make_finding(self.rule, doc, s, e))
        p = self.params
        day = speaks_from(doc)  # its date, or its (or its law's) later entry into force
        if spans and p.repealed and day and day < p.repealed and out:  # type: ignore[attr-defined]
            f = out[0]
            f.severity = "info"
            f.message = (f"Dit document is van {doc.date.strftime('%d-%m-%Y')}, van vóór "
                         f"{p.repealed.strftime('%d-%m-%Y')}: het is verouderd; controleer of het nog geldt.")  # type: ignore[attr-defined]
            f.fingerprint = f.compute_fingerprint()
            ctx.unexamined.pop(self.rule.id, None)  # one finding for the whole document: nothing left out
            return errs + [f]
        return errs + out
