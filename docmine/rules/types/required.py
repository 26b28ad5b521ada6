"""``type: required``: a document (or each clause of a kind) must contain given elements.

    - id: werkinstructie-documentgegevens
      type: required
      severity: warning
      message: "Deze werkinstructie mist {element}."
      scope: {types: [werkinstructie]}
      elements:
        - {element: versienummer, label: een versienummer, cues: ['\\bversie(?:nummer)?\\s*:?\\s*\\d']}

An element counts as present when extraction found it (a ``sectie`` clause with
``attrs.element``, a ``metadata`` clause with ``attrs.field``, or the document's
``metadata["werkinstructie"]``) or when one of its ``cues`` (case-insensitive regexes) occurs
in the text, so a heading extraction missed still counts. One finding per missing element,
at the document's title line.

``follow`` (a regex) makes the rule follow the verordening's own article: when a verordening in
the audited set has a clause matching it (e.g. "in de beschikking wordt ... vermeld"), elements
with ``in_article`` are required only if that article names them, and the finding cites it.
"""

from __future__ import annotations

from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...extract.beschikking import is_label_line
from ...extract.fields import left_empty
from ...model import Clause, Document, Finding
from ..base import Context, RuleType, make_finding, prepared, store_prepared
from ..registry import register
from .pattern import _check_regex, _compile


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid")
    element: str = Field(min_length=1, description="naam, zoals extractie die geeft: beoogd_resultaat")
    label: str = Field(min_length=1, description="naam voor de gebruiker: het beoogde resultaat")
    cues: list[str] = Field(default_factory=list, description="reguliere expressies die het element herkennen")
    in_article: str | None = Field(default=None, description="regex: zo noemt het verordeningsartikel dit element")
    optional: bool = Field(default=False, description="alleen verplicht als het verordeningsartikel het noemt")

    @field_validator("cues")
    @classmethod
    def _cues(cls, v: list[str]) -> list[str]:
        for c in v:
            _check_regex(c)
        return v

    @field_validator("in_article")
    @classmethod
    def _art(cls, v: str | None) -> str | None:
        return _check_regex(v) if v else v


class RequiredParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    elements: list[Element] = Field(min_length=1)
    within: str | None = Field(default=None, description="clausulesoort die de elementen moet bevatten, bijv. niveau")
    follow: str | None = Field(default=None, description="regex voor het verordeningsartikel dat de elementen voorschrijft")

    @field_validator("follow")
    @classmethod
    def _follow(cls, v: str | None) -> str | None:
        return _check_regex(v) if v else v


def _left_empty(doc: Document, text: str, m) -> bool:
    """A cue that names the element as a label left empty (a form's empty field, an empty table
    cell, an unticked box) does not make it present."""
    kind = doc.type if doc.type in ("beschikking", "gespreksverslag") else None
    return left_empty(text, m.start(), m.end(), (lambda line: is_label_line(line, kind)) if kind else None)


def title_span(doc: Document) -> tuple[int, int]:
    """Where the document's title stands in the text (else its first non-empty line)."""
    if doc.title:
        i = doc.text.find(doc.title)
        if i >= 0:
            return i, i + len(doc.title)
    stripped = doc.text.lstrip()
    s = len(doc.text) - len(stripped)
    e = doc.text.find("\n", s)
    return s, (e if e >= 0 else len(doc.text))


@register("required")
class RequiredRule(RuleType):
    """Required elements of a document or clause (see module docstring)."""

    Params = RequiredParams

    def __init__(self, rule) -> None:
        super().__init__(rule)
        p: RequiredParams = self.params  # type: ignore[assignment]
        self.cues = [[_compile(c) for c in el.cues] for el in p.elements]
        self.in_article = [_compile(el.in_article) if el.in_article else None for el in p.elements]
        self.follow = _compile(p.follow) if p.follow else None
        if self.follow is not None:
            self.level = "corpus"  # type: ignore[misc]

    def applies_to(self, doc: Document) -> bool:
        """With ``follow`` the verordeningen come along too (they hold the article)."""
        if self.follow is not None and doc.type in ("verordening", "besluit"):
            return True
        return super().applies_to(doc)

    # -- presence ---------------------------------------------------------------------------
    def _present(self, i: int, doc: Document, clause: Clause | None) -> bool:
        el = self.params.elements[i]  # type: ignore[attr-defined]
        lo, hi = (clause.start, clause.end) if clause else (0, len(doc.text))
        for c in doc.clauses:
            if c.kind in ("sectie", "metadata", "stap") and lo <= c.start < hi or (clause and c.parent == clause.id):
                if c.attrs.get("element") == el.element or c.attrs.get("field") == el.element:
                    if c.kind != "metadata" or c.attrs.get("value") not in (None, ""):
                        return True
        if clause is None:
            for key in ("werkinstructie",):
                meta = doc.metadata.get(key) or {}
                if isinstance(meta, dict) and meta.get(el.element):
                    return True
        if clause is not None and clause.attrs.get(el.element) not in (None, "", [], {}):
            return True
        text = doc.text[lo:hi]
        return any(not _left_empty(doc, text, m) for rx in self.cues[i] for m in rx.finditer(text, timeout=1.0))

    def _missing(self, doc: Document, clause: Clause | None, required: list[int]) -> list[int]:
        return [i for i in required if not self._present(i, doc, clause)]

    def _findings(self, doc: Document, required: list[int], basis: str | None) -> list[Finding]:
        p: RequiredParams = self.params  # type: ignore[assignment]
        targets: list[Clause | None] = [c for c in doc.clauses if c.kind == p.within] if p.within else [None]
        out = []
        for clause in targets:
            for i in self._missing(doc, clause, required):
                label = p.elements[i].label
                if "{element}" in self.rule.message:
                    msg = self.rule.message.replace("{element}", label)
                else:
                    msg = f"{self.rule.message.rstrip()} Ontbreekt: {label}."
                if basis:
                    msg = f"{msg.rstrip().rstrip('.')}; {basis} schrijft dat voor."
                s, e = (clause.start, min(clause.end, clause.start + 120)) if clause else title_span(doc)
                f = make_finding(self.rule, doc, s, e, clause=clause, message=msg)
                # one finding per missing element: the element goes into the fingerprint
                f.fingerprint = Finding(rule=f"{f.rule}:{p.elements[i].element}", type=f.type, severity=f.severity,
                                        message="", document=f.document, clause=f.clause,
                                        excerpt=f.excerpt).compute_fingerprint()
                out.append(f)
        return out

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        p: RequiredParams = self.params  # type: ignore[assignment]
        required = [i for i, el in enumerate(p.elements) if not el.optional]
        return self._findings(doc, required, None)

    def check_corpus(self, docs: list[Document], ctx: Context) -> Iterable[Finding]:
        """With ``follow``: find the verordening's article once, then check every document."""
        basis_clause, basis_doc = self._find_article(docs)
        p: RequiredParams = self.params  # type: ignore[assignment]
        out: list[Finding] = []
        for doc in docs:
            if not RuleType.applies_to(self, doc):
                continue
            art, art_doc = basis_clause, basis_doc
            if art is not None and art_doc is not None and doc.law and art_doc.law and doc.law != art_doc.law:
                art = None
            if art is None:
                required = [i for i, el in enumerate(p.elements) if not el.optional]
                out.extend(self._findings(doc, required, None))
                continue
            required = [i for i, el in enumerate(p.elements)
                        if (self.in_article[i] is None and not el.optional)
                        or (self.in_article[i] is not None and self.in_article[i].search(art.text))]
            num = art.number or ""
            parent = next((c for c in art_doc.clauses if c.id == art.parent), None) if art.kind == "lid" else None
            where = (f"artikel {parent.number}, lid {num}" if parent is not None and parent.number
                     else f"artikel {num}" if num else "het artikel")
            basis = f"{where} van {art_doc.title or art_doc.path}"
            out.extend(self._findings(doc, required, basis))
        return out

    def prepare(self, doc: Document) -> None:
        """With ``follow``: find the article in each verordening in the workers (the corpus
        stage scanned every verordening's clauses with the regex: ~30-45 ms of it)."""
        if self.follow is not None and doc.type in ("verordening", "besluit"):
            store_prepared(doc, self._prep_name, {"clauses": len(doc.clauses), "best": self._best_clause(doc)})

    @property
    def _prep_name(self) -> str:
        return "required-follow:" + (self.params.follow or "")  # type: ignore[attr-defined]

    def _best_clause(self, d: Document) -> int:
        """Index of the smallest (first of the smallest) lid or artikel matching ``follow``; -1."""
        best = -1
        for i, c in enumerate(d.clauses):
            if c.kind in ("lid", "artikel") and self.follow.search(c.text):
                if best < 0 or (c.end - c.start) < (d.clauses[best].end - d.clauses[best].start):
                    best = i
        return best

    def _find_article(self, docs: list[Document]) -> tuple[Clause | None, Document | None]:
        if self.follow is None:
            return None, None
        for d in docs:
            if d.type not in ("verordening", "besluit"):
                continue
            rec = prepared(d, self._prep_name)
            ok = rec is not None and rec["clauses"] == len(d.clauses)
            best = rec["best"] if ok else self._best_clause(d)  # not prepared: found here, as before
            if best >= 0:
                return d.clauses[best], d
        return None, None
