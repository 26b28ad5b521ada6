"""Rule type ``duplicate``: near-duplicate documents and sections, and versions of one document.

Three checks, one per rule in ``rules/duplicaten.yml``:

- ``check: documents``: the same document filed twice (re-wrapped, retitled, a sentence edited);
- ``check: sections``: the same article or passage in two different documents;
- ``check: versions``: several editions of one document (``Beleidsregels 2018``,
  ``Beleidsregels 2019 def``) -> one finding naming the newest; the others should be archived.

Candidates come from MinHash/LSH on word shingles (never all pairs), are confirmed with
rapidfuzz, and grouped as connected components: three copies are one finding with two
``related`` places. Shingles that many documents share (letterheads, a shared introduction, the
standard bezwaarclausule) are boilerplate and left out (see ``boilerplate_shingles``), so
documents on one template are neither candidates nor duplicate passages. The normalised texts, version groups and duplicate groups are computed once
per audit and shared by the rules (see ``memoised``).
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

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Literal, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from ...model import Clause, Document, Finding
from ...text import document_title, fill, normalise
from ..base import EXCERPT_MAX, Context, RuleType, make_finding
from ..corpus import (DEFAULT_TEMPLATE_TYPES, corpus_boilerplate, memoised, normalised_text, ordered_documents,
                      prepare_document, release_texts, shingle_set, text_digest, version_groups)
from ..registry import register
from ..shingles import (Matcher, UnionFind, batch_shingle_hashes, distinct_sorted, distinctive_text, minhash_signatures,
                        own_shingles)


# ---------------------------------------------------------------- sections

@dataclass
class Section:
    doc: Document
    start: int
    end: int
    clause: Clause | None
    label: str


_PARA = re.compile(r"\n\s*\n")
SIGNATURE_BATCH = 1000  # documents whose shingle sets are held at once to make their signatures


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
    # The matching thresholds default to the Matcher's own (one place to tune them).
    min_ratio: float = Matcher.min_ratio
    min_token_set_ratio: float = Matcher.min_token_set_ratio
    lsh_threshold: float = Matcher.lsh_threshold
    # LSH candidates whose MinHash estimate of the Jaccard similarity is below this are not
    # confirmed (at that similarity LSH finds a pair only by chance; never a near-duplicate)
    min_jaccard: float = Matcher.min_jaccard
    num_perm: int = Matcher.num_perm
    shingle: int = Matcher.shingle
    max_bucket: int = Matcher.max_bucket
    # a shingle (five words in a row) in at least this many documents and this share of the
    # documents (exact copies counted once) is boilerplate: not compared (0: no filter). The
    # share keeps common phrasing in (in a large corpus "de consulent bespreekt het
    # ondersteuningsplan" is in many documents without being a template)
    boilerplate_documents: int = 10
    boilerplate_share: float = 0.01
    # a document or passage with fewer shingles of its own is all template: compared only as an
    # exact copy
    min_own_shingles: int = 10
    section_kinds: list[str] = ["artikel", "bijlage", "product", "stap"]
    min_words: int = 40
    version_min_similarity: float = 30.0
    # group: one finding per group (the others in ``related``); each: one finding per member,
    # each naming the others, for tools that look per document
    report: Literal["group", "each"] = "group"


def _may_share(a: Document, b: Document) -> bool:
    """Whether a passage that two documents share is worth a finding: not within one document,
    and not between two texts of national legislation (``soort`` in the metadata: a law and its
    successor, a law and its AMvB, share articles by design; a municipality did not copy them)."""
    if a.path == b.path:
        return False
    return not ((a.metadata or {}).get("soort") and (b.metadata or {}).get("soort"))


def _whole_document(f: Finding) -> Finding:
    """A finding about a whole document belongs to no clause."""
    f.clause = None
    f.fingerprint = f.compute_fingerprint()
    return f


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
                       min_ratio=p.min_ratio, min_token_set_ratio=p.min_token_set_ratio,
                       min_jaccard=p.min_jaccard, max_bucket=p.max_bucket)

    def prepare(self, doc: Document) -> None:
        p = self.params
        prepare_document(doc, p.shingle, p.template_types)

    def _versions(self, docs: Sequence[Document]) -> list[list[Document]]:
        return version_groups(docs, template_types=self.params.template_types,
                              min_similarity=self.params.version_min_similarity)

    def _boilerplate(self, docs: list[Document]) -> np.ndarray:
        """The shingle hashes that are boilerplate in this corpus (shared by the rules)."""
        p = self.params
        return memoised("boilerplate", (p.shingle, p.boilerplate_documents, p.boilerplate_share), docs,
                        lambda: corpus_boilerplate(docs, p.shingle, p.boilerplate_documents, p.boilerplate_share))

    def _duplicate_docs(self, docs: list[Document], versions: list[list[Document]]) -> list[list[Document]]:
        p = self.params
        params = (p.shingle, p.num_perm, p.lsh_threshold, p.min_ratio, p.min_token_set_ratio, p.min_jaccard,
                  p.max_bucket, p.boilerplate_documents, p.boilerplate_share, p.min_own_shingles,
                  tuple(sorted(p.template_types)), tuple(tuple(d.path for d in g) for g in versions))
        paths = memoised("documents", params, docs, lambda: self._duplicate_paths(docs, versions))
        by_path = {d.path: d for d in docs}
        return [[by_path[x] for x in g] for g in paths]

    def _duplicate_paths(self, docs: list[Document], versions: list[list[Document]]) -> list[list[str]]:
        """Groups (paths, in ``docs`` order) of documents that are near-duplicates.

        Near-copies are found by MinHash/LSH on each document's own shingles (boilerplate left
        out) and confirmed on the whole text and on the text without boilerplate. Letters on a
        template (``template_types``) and documents with too little text of their own only
        count as duplicates when their normalised texts are equal: they are grouped by that
        text, not through the LSH."""
        group_of = {d.path: gi for gi, g in enumerate(versions) for d in g}

        def allowed_docs(a: Document, b: Document) -> bool:
            # editions of one document: reported by check: versions
            return not (a.path in group_of and group_of.get(a.path) == group_of.get(b.path))

        uf = UnionFind(len(docs))
        linked: set[int] = set()
        for g in self._near_copies(docs, allowed_docs):
            for i in g:
                uf.union(g[0], i)
                linked.add(i)
        by_text: dict[bytes, list[int]] = {}  # digest of the normalised text -> documents
        for i, d in enumerate(docs):
            by_text.setdefault(text_digest(d), []).append(i)
        for text, same in by_text.items():
            if not text:
                continue
            for i in same[1:]:
                if allowed_docs(docs[same[0]], docs[i]):
                    uf.union(same[0], i)
                    linked.update((same[0], i))
        comps: dict[int, list[int]] = {}
        for i in sorted(linked):
            comps.setdefault(uf.find(i), []).append(i)
        return [[docs[i].path for i in c] for c in sorted(comps.values()) if len(c) >= 2]

    def _near_copies(self, docs: list[Document], allowed_docs) -> list[list[int]]:
        """Groups (indexes into ``docs``) of documents, not letters on a template, whose own
        text (boilerplate left out) is near-identical."""
        p = self.params
        m = self._matcher()
        boilerplate = self._boilerplate(docs)
        templates = set(p.template_types)
        free = [i for i, d in enumerate(docs) if d.type not in templates]
        usable: list[bool] = []
        sigs = [np.zeros((0, m.num_perm), dtype=np.uint32)]
        for start in range(0, len(free), SIGNATURE_BATCH):  # only a batch's shingle sets at a time
            own = [own_shingles(shingle_set(docs[i], m.shingle), boilerplate) for i in free[start:start + SIGNATURE_BATCH]]
            usable += [len(o) >= p.min_own_shingles for o in own]
            sigs.append(minhash_signatures(own, m.num_perm))
        sig = np.concatenate(sigs)

        def distinct(x: int) -> str:
            return distinctive_text(normalised_text(docs[free[x]]), boilerplate, m.shingle)

        groups = m.groups_of(sig, usable, lambda x: normalised_text(docs[free[x]]),
                             allowed=lambda x, y: allowed_docs(docs[free[x]], docs[free[y]]),
                             distinct=functools.lru_cache(maxsize=None)(distinct))
        return [[free[x] for x in g] for g in groups]

    def check_corpus(self, docs: list[Document], ctx: Context) -> Iterable[Finding]:
        try:
            return self._check_corpus(docs)
        finally:
            # the groups stay memoised (as paths); the normalised texts only served to make
            # them, so they are not kept beside the documents for the rest of the audit
            release_texts()

    def _check_corpus(self, docs: list[Document]) -> list[Finding]:
        docs = ordered_documents(docs)
        versions = self._versions(docs)
        each = self.params.report == "each"
        if self.params.check == "versions":
            return [f for g in versions for f in self._version_findings(g, each)]
        dup_groups = self._duplicate_docs(docs, versions)
        if self.params.check == "documents":
            return [self._duplicate_finding(g[i:] + g[:i]) for g in dup_groups for i in (range(len(g)) if each else [0])]
        grouped = {d.path for g in dup_groups + versions for d in g}
        return self._section_findings([d for d in docs if d.path not in grouped], self._boilerplate(docs))

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

    def _section_groups(self, secs: list[Section], boilerplate: np.ndarray) -> list[list[int]]:
        """Groups (indexes into ``secs``) of near-identical passages in different documents;
        passages with too little text of their own (a standard bezwaarclausule, a shared
        introduction) are not compared."""
        m = self._matcher()
        norms = [normalise(s.doc.text[s.start:s.end]) for s in secs]
        own = [own_shingles(distinct_sorted(h), boilerplate) for h in batch_shingle_hashes(norms, m.shingle)]
        usable = [len(o) >= self.params.min_own_shingles for o in own]
        return m.groups_of(minhash_signatures(own, m.num_perm), usable, norms.__getitem__,
                           allowed=lambda i, j: _may_share(secs[i].doc, secs[j].doc),
                           distinct=lambda i: distinctive_text(norms[i], boilerplate, m.shingle))

    def _section_findings(self, docs: list[Document], boilerplate: np.ndarray) -> list[Finding]:
        templates = set(self.params.template_types)
        secs = [s for d in docs if d.type not in templates
                for s in sections_of(d, self.params.section_kinds, self.params.min_words)]
        out = []
        for g in self._section_groups(secs, boilerplate):
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
