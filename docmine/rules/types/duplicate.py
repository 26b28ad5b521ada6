"""Rule type ``duplicate``: near-duplicate documents and sections, and versions of one document.

Three checks, one per rule in ``rules/duplicaten.yml``:

- ``check: documents``: the same document filed twice (re-wrapped, retitled, a sentence edited);
- ``check: sections``: the same article or passage in two different documents;
- ``check: versions``: several editions of one document (``Beleidsregels 2018``,
  ``Beleidsregels 2019 def``) -> one finding naming the newest; the others should be archived.

Candidates come from MinHash/LSH on word shingles (never all pairs), are confirmed with
rapidfuzz, and grouped with networkx: three copies are one finding with two ``related`` places.
Documents of one version group are not reported again as plain duplicates, and documents of a
duplicate or version group do not also produce section findings.

Example (YAML)::

    - id: dubbel-document
      type: duplicate
      check: documents
      severity: warning
      message: Dit document staat {n} keer in de verzameling.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Literal, Sequence

import networkx as nx
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ...model import Clause, Document, Finding
from ..base import EXCERPT_MAX, Context, RuleType, make_finding
from ..registry import register

DEFAULT_TEMPLATE_TYPES = ["beschikking", "gespreksverslag"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case words without accents or punctuation, single-spaced.

    >>> normalise("De cliënt  is\\n'niet' in staat.")
    'de client is niet in staat'
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    # drop combining marks; checking each distinct character once (not every character) is
    # what keeps this cheap on whole documents
    marks = {ch for ch in set(folded) if unicodedata.combining(ch)}
    if marks:
        folded = folded.translate(dict.fromkeys(map(ord, marks)))
    return " ".join(_WORD.findall(folded))


def shingles(norm: str, k: int = 5) -> set[bytes]:
    """Word k-shingles of a normalised text, as bytes (what MinHash hashes)."""
    words = norm.split()
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def _hash32(b: bytes) -> int:
    return zlib.crc32(b) & 0xFFFFFFFF


@dataclass
class Matcher:
    """Finds groups of near-identical texts: MinHash/LSH candidates, rapidfuzz confirmation,
    networkx connected components.

    >>> Matcher().groups(["een twee drie vier vijf zes", "een twee drie vier vijf zes", "iets anders"])
    [[0, 1]]
    """

    shingle: int = 5
    num_perm: int = 128
    lsh_threshold: float = 0.4
    min_ratio: float = 85.0
    min_token_set_ratio: float = 90.0

    def similar(self, a: str, b: str) -> bool:
        """The confirmation both the LSH path and an all-pairs comparison use."""
        if fuzz.ratio(a, b, score_cutoff=self.min_ratio) < self.min_ratio:
            return False
        return fuzz.token_set_ratio(a, b, score_cutoff=self.min_token_set_ratio) >= self.min_token_set_ratio

    def candidate_pairs(self, norms: Sequence[str]) -> set[tuple[int, int]]:
        """Pairs (i < j) that share an LSH band: near-duplicates with high probability."""
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=self.num_perm)
        sets = [shingles(n, self.shingle) for n in norms]
        keep = [i for i, s in enumerate(sets) if s]
        hashes = MinHash.bulk([list(sets[i]) for i in keep], num_perm=self.num_perm, hashfunc=_hash32)
        pairs: set[tuple[int, int]] = set()
        for i, mh in zip(keep, hashes):
            for j in lsh.query(mh):
                pairs.add((j, i) if j < i else (i, j))
            lsh.insert(i, mh, check_duplication=False)
        return pairs

    def groups(self, texts: Sequence[str], *, allowed=None, normalised: bool = False) -> list[list[int]]:
        """Connected components (sorted lists of indexes, at least two) of confirmed pairs.
        ``allowed(i, j)`` may veto a pair before the (costlier) rapidfuzz confirmation."""
        norms = list(texts) if normalised else [normalise(t) for t in texts]
        g = nx.Graph()
        for i, j in sorted(self.candidate_pairs(norms)):
            if allowed is not None and not allowed(i, j):
                continue
            if self.similar(norms[i], norms[j]):
                g.add_edge(i, j)
        return sorted(sorted(c) for c in nx.connected_components(g))


# ---------------------------------------------------------------- versions

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
           "december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_VERSION_NOISE = [
    re.compile(r"\b\d{1,2} \d{1,2} (?:19|20)?\d{2}\b"),  # 25-03-2019 (normalised: 25 03 2019)
    re.compile(r"\b(?:19|20)\d{2} \d{1,2} \d{1,2}\b"),  # 2019-03-25
    re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}\b"),  # 25 maart 2019
    re.compile(r"\b(?:19|20)\d{2}\b"),  # 2019
    re.compile(r"\b(?:def|definitief|definitieve|final|concept|ontwerp|versie|vs|versienummer)\b"),
    re.compile(r"\bv\s?\d+(?:\s\d+)*\b"),  # v2, v 1 3
    re.compile(r"\b(?:dd|d d)\b"),
]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def document_title(doc: Document) -> str:
    """The title a person sees: the extracted title, the metadata title, or the file name."""
    for t in (doc.title, doc.metadata.get("title") if doc.metadata else None):
        if t and str(t).strip():
            return str(t).strip()
    return doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def title_stem(title: str) -> str:
    """A title without years, dates and version marks: what editions of one document share.

    >>> title_stem("Beschrijving_arrangementen_Jeugd_2019_def.docx")
    'beschrijving arrangementen jeugd'
    """
    t = re.sub(r"\.(docx?|pdf|txt|md|html?|xml)$", "", title.strip(), flags=re.I)
    t = t.replace("_", " ")
    t = normalise(t)
    for pat in _VERSION_NOISE:
        t = pat.sub(" ", t)
    return " ".join(t.split())


def _version_tag(doc: Document) -> tuple:
    """Sort key for "newest": a year in the title or path, the document date, the version number."""
    years = [int(y) for y in _YEAR.findall(document_title(doc) + " " + doc.path)]
    year = max(years) if years else (doc.date.year if doc.date else 0)
    d = doc.date or date(year or 1, 1, 1)
    m = re.search(r"\bv(?:ersie)?\s?(\d+)", (document_title(doc) + " " + doc.path).lower())
    final = 1 if re.search(r"(?<![a-z])def(?:initief)?(?![a-z])", doc.path.lower() + " " + document_title(doc).lower()) else 0
    concept = 0 if "concept" in (doc.path.lower() + document_title(doc).lower()) else 1
    return (year, d, int(m.group(1)) if m else 0, final, concept, doc.path)


def _edition_marks(doc: Document) -> tuple[str, ...]:
    """What tells editions apart: the years, dates and version marks in the title and file name."""
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    out: list[str] = []
    for t in (document_title(doc), stem):
        norm = normalise(t.replace("_", " "))
        for pat in _VERSION_NOISE:
            out.extend(m.group(0) for m in pat.finditer(norm))
            norm = pat.sub(" ", norm)
    return tuple(sorted(set(out)))


def version_groups(docs: Sequence[Document], *, template_types: Iterable[str] = DEFAULT_TEMPLATE_TYPES,
                   min_similarity: float = 30.0, min_stem_words: int = 1) -> list[list[Document]]:
    """Groups of editions of one document: same title stem, different titles, some shared text.

    Documents of a template type (letters to clients) are never versions of each other.
    """
    by_stem: dict[str, list[Document]] = {}
    skip = set(template_types)
    for d in docs:
        if d.type in skip:
            continue
        stem = title_stem(document_title(d))
        if len(stem.split()) < min_stem_words:
            continue
        by_stem.setdefault(stem, []).append(d)
    out = []
    for stem, members in sorted(by_stem.items()):
        if len(members) < 2:
            continue
        # editions differ in a year, date or version mark; the same file in two formats does not
        marks = {_edition_marks(d) for d in members}
        if len(marks) < 2:
            continue
        g = nx.Graph()
        g.add_nodes_from(range(len(members)))
        norms = [normalise(d.text[:20000]) for d in members]
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if fuzz.token_set_ratio(norms[i], norms[j]) >= min_similarity:
                    g.add_edge(i, j)
        for comp in nx.connected_components(g):
            if len(comp) >= 2:
                out.append(sorted((members[i] for i in comp), key=_version_tag))
    return out


# ---------------------------------------------------------------- sections

@dataclass
class Section:
    doc: Document
    start: int
    end: int
    clause: Clause | None
    label: str


_PARA = re.compile(r"\n\s*\n")


def sections_of(doc: Document, kinds: Sequence[str], min_words: int) -> list[Section]:
    """The units compared by ``check: sections``: clauses of the given kinds, or, in a document
    without such clauses, its paragraphs (blank-line separated); only those of ``min_words``."""
    out: list[Section] = []
    clauses = [c for c in doc.clauses if c.kind in kinds]
    if clauses:
        for c in clauses:
            if len(c.text.split()) >= min_words:
                label = " ".join(x for x in (c.kind, c.number or "", c.title or "") if x)
                out.append(Section(doc, c.start, c.end, c, label))
        return out
    pos = 0
    for m in list(_PARA.finditer(doc.text)) + [None]:
        end = m.start() if m else len(doc.text)
        chunk = doc.text[pos:end]
        if len(chunk.split()) >= min_words:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Section(doc, pos + lead, end, None, "passage"))
        pos = m.end() if m else end
    return out


# ---------------------------------------------------------------- rule type

class DuplicateParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: Literal["documents", "sections", "versions"] = "documents"
    template_types: list[str] = DEFAULT_TEMPLATE_TYPES
    min_ratio: float = 85.0
    min_token_set_ratio: float = 90.0
    lsh_threshold: float = 0.4
    num_perm: int = 128
    shingle: int = 5
    section_kinds: list[str] = ["artikel", "bijlage", "product", "stap"]
    min_words: int = 40
    version_min_similarity: float = 30.0
    # group: one finding per group (the others in ``related``); each: one finding per member,
    # each naming the others, for tools that look per document
    report: Literal["group", "each"] = "group"


def _whole_document(f: Finding) -> Finding:
    """A finding about a whole document belongs to no clause."""
    f.clause = None
    f.fingerprint = f.compute_fingerprint()
    return f


class _Fmt(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: Any) -> str:
    """``str.format`` that leaves unknown ``{placeholders}`` alone."""
    try:
        return template.format_map(_Fmt(values))
    except (ValueError, IndexError):
        return template


@register("duplicate")
class DuplicateRule(RuleType):
    """Near-duplicate documents or sections, and versions of one document (corpus level).

    Example: ``werkinstructie-onbepaalde-tijd.docx`` and ``kennisbank/onbepaalde-tijd.pdf``
    hold the same text -> one finding on the first, the second in ``related``.
    """

    level = "corpus"
    Params = DuplicateParams

    def _matcher(self) -> Matcher:
        p = self.params
        return Matcher(shingle=p.shingle, num_perm=p.num_perm, lsh_threshold=p.lsh_threshold,
                       min_ratio=p.min_ratio, min_token_set_ratio=p.min_token_set_ratio)

    def _versions(self, docs: Sequence[Document]) -> list[list[Document]]:
        return version_groups(docs, template_types=self.params.template_types,
                              min_similarity=self.params.version_min_similarity)

    def _duplicate_docs(self, docs: list[Document], versions: list[list[Document]]) -> list[list[Document]]:
        group_of = {d.path: gi for gi, g in enumerate(versions) for d in g}
        templates = set(self.params.template_types)
        norms = [normalise(d.text) for d in docs]

        def allowed(i: int, j: int) -> bool:
            a, b = docs[i], docs[j]
            if a.path in group_of and group_of.get(a.path) == group_of.get(b.path):
                return False  # editions of one document: reported by check: versions
            if a.type in templates or b.type in templates:
                return norms[i] == norms[j]  # same letter template: only an exact copy counts
            return True

        groups = self._matcher().groups(norms, allowed=allowed, normalised=True)
        return [[docs[i] for i in g] for g in groups]

    def check_corpus(self, docs: list[Document], ctx: Context) -> Iterable[Finding]:
        docs = sorted((d for d in docs if d.text.strip()), key=lambda d: d.path)
        versions = self._versions(docs)
        each = self.params.report == "each"
        if self.params.check == "versions":
            return [f for g in versions for f in self._version_findings(g, each)]
        dup_groups = self._duplicate_docs(docs, versions)
        if self.params.check == "documents":
            return [self._duplicate_finding(g[i:] + g[:i]) for g in dup_groups for i in (range(len(g)) if each else [0])]
        grouped = {d.path for g in dup_groups + versions for d in g}
        return self._section_findings([d for d in docs if d.path not in grouped])

    # -- findings

    def _duplicate_finding(self, group: list[Document]) -> Finding:
        first, others = group[0], group[1:]
        names = ", ".join(d.path for d in others)
        detail = f"'{document_title(first)}' staat ook in: {names}"
        msg = fill(self.rule.message, n=len(group), document=first.path, others=names,
                   title=document_title(first), detail=detail)
        if "{" not in self.rule.message:
            msg = f"{msg} ({detail})"
        related = [{"document": d.path, "clause": None, "excerpt": d.text[:EXCERPT_MAX]} for d in others]
        return _whole_document(make_finding(self.rule, first, 0, len(first.text), message=msg, related=related))

    def _version_findings(self, group: list[Document], each: bool) -> list[Finding]:
        newest, older = group[-1], group[:-1]
        names = ", ".join(d.path for d in older)
        detail = f"nieuwste: {newest.path}; archiveer: {names}"
        out = []
        for d in (group[::-1] if each else [newest]):
            msg = fill(self.rule.message, n=len(group), newest=newest.path, others=names,
                       title=document_title(newest), detail=detail)
            if "{" not in self.rule.message:
                msg = f"{msg} ({detail})"
            related = [{"document": o.path, "clause": None, "excerpt": o.text[:EXCERPT_MAX]}
                       for o in ([newest] if d is not newest else []) + [o for o in older if o is not d]]
            out.append(_whole_document(make_finding(self.rule, d, 0, len(d.text), message=msg, related=related)))
        return out

    def _section_findings(self, docs: list[Document]) -> list[Finding]:
        templates = set(self.params.template_types)
        secs = [s for d in docs if d.type not in templates
                for s in sections_of(d, self.params.section_kinds, self.params.min_words)]
        texts = [s.doc.text[s.start:s.end] for s in secs]

        def allowed(i: int, j: int) -> bool:
            return secs[i].doc.path != secs[j].doc.path

        out = []
        for g in self._matcher().groups(texts, allowed=allowed):
            members = sorted((secs[i] for i in g), key=lambda s: (s.doc.path, s.start))
            if len({s.doc.path for s in members}) < 2:
                continue
            first, others = members[0], members[1:]
            names = ", ".join(f"{s.doc.path} ({s.label})" for s in others)
            detail = f"{first.label} staat ook in: {names}"
            msg = fill(self.rule.message, n=len(members), others=names, section=first.label, detail=detail)
            if "{" not in self.rule.message:
                msg = f"{msg} ({detail})"
            related = [{"document": s.doc.path, "clause": s.clause.id if s.clause else None,
                        "excerpt": s.doc.text[s.start:s.end][:EXCERPT_MAX]} for s in others]
            out.append(make_finding(self.rule, first.doc, first.start, first.end, clause=first.clause,
                                    message=msg, related=related))
        return out
