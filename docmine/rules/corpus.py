"""What the corpus rules share about the documents of one audit: their normalised texts and
results computed once (``memoised``), a record per document made in the workers
(``prepare_document``: digest, shingles, title stem and edition marks, first words), and the
groups of editions of one document (``version_groups``)."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz

from ..model import Document
from ..text import document_title, normalise, normalised_words
from ..vocabulary import Vocabulary, current, words
from .base import per_stage, prepared, store_prepared
from .shingles import ascii_shingle_hashes, distinct_sorted, frequent_values, shingle_hashes

DEFAULT_TEMPLATE_TYPES = ["beschikking", "gespreksverslag"]
BOILERPLATE_BATCH = 1000  # documents' shingle sets joined at a time when counting the boilerplate


# ---------------------------------------------------------------- shared per audit

# The corpus rules of one audit (dubbel-document, versies, dubbele-passage,
# begrip-verschillend-gedefinieerd) need the same normalised texts, version groups and
# duplicate groups: computed once, kept for the last few corpora (bounded).
_NORMS: dict[tuple[str, int, int], str] = {}
_NORMS_CHARS = [0]
_NORMS_MAX_CHARS = 400_000_000
_RESULTS: dict[tuple, Any] = {}
_RESULTS_MAX = 8
HEAD_CHARS = 20000  # versions compare the first 20,000 characters of each document


def _text_key(doc: Document, head: bool = False) -> tuple[str, int, int]:
    return (doc.path if not head else "\x00" + doc.path, len(doc.text), hash(doc.text))


def _cached_norm(key: tuple[str, int, int], text: str) -> str:
    norm = _NORMS.get(key)
    if norm is None:
        norm = normalise(text)
        if _NORMS_CHARS[0] + len(norm) > _NORMS_MAX_CHARS:
            _NORMS.clear()
            _NORMS_CHARS[0] = 0
        _NORMS[key] = norm
        _NORMS_CHARS[0] += len(norm)
    return norm


def normalised_text(doc: Document) -> str:
    """``normalise(doc.text)``, computed once per document text for all corpus rules."""
    return _cached_norm(_text_key(doc), doc.text)


def normalised_head(doc: Document) -> str:
    """``normalise(doc.text[:HEAD_CHARS])`` (what versions compare), computed once."""
    if len(doc.text) <= HEAD_CHARS:
        return normalised_text(doc)
    return _cached_norm(_text_key(doc, head=True), doc.text[:HEAD_CHARS])


def corpus_key(docs: Sequence[Document]) -> tuple:
    """Identifies a list of documents (paths, what the checks read of them, the text's hash)."""
    return tuple((d.path, d.type, d.title, str((d.metadata or {}).get("title")), d.date, d.law,
                  len(d.text), hash(d.text)) for d in docs)


def memoised(name: str, params: tuple, docs: Sequence[Document], compute):
    """``compute()`` once per (name, params, documents); the last few results are kept."""
    # the key once per corpus stage, not per rule and result (6 -> 1 times: ~4 ms each on 1,433 documents)
    # the vocabulary too: title stems depend on its version_words (an audit with a user's pack)
    voc = current().derived("fingerprint", lambda v: v.fingerprint())
    key = (name, params, voc, per_stage("corpus_key", docs, lambda: corpus_key(docs)))
    if key in _RESULTS:
        return _RESULTS[key]
    value = compute()
    if len(_RESULTS) >= _RESULTS_MAX:
        _RESULTS.pop(next(iter(_RESULTS)))
    _RESULTS[key] = value
    return value


def ordered_documents(docs: Sequence[Document]) -> list[Document]:
    """The documents the duplicate rules compare: sorted by path, without empty texts (shared by
    the rules of one corpus stage; do not change the list)."""
    # isspace instead of strip: no copy of each text
    return per_stage("ordered", docs, lambda: sorted((d for d in docs if d.text and not d.text.isspace()),
                                                     key=lambda d: d.path))


def release_texts() -> None:
    """Forget the normalised texts (the groups made from them stay memoised)."""
    _NORMS.clear()
    _NORMS_CHARS[0] = 0


def clear_memo() -> None:
    """Forget the shared normalised texts and groups."""
    release_texts()
    _RESULTS.clear()


# ---------------------------------------------------------------- prepared per document

# What the duplicate rules need of one document is computed in the workers (``prepare``, with
# the per-document rules) and kept on the Document (``base.store_prepared``, ~2-6 KB): a
# digest of the normalised text, its distinct shingle hashes (the corpus stage counts them for
# the boilerplate and makes the MinHash signatures of what is left), the word set of the head
# (all that ``token_set_ratio`` reads) and the title stem and edition marks. The corpus stage then no
# longer normalises every text (1,433 text files: ~1 s of its ~1.6 s). Without a record (a
# Document from an older cache entry, or made by hand) each value is computed here as before.

_PREP = "duplicate"


def _digest(norm: str) -> bytes:
    """Stands for a normalised text when grouping exact copies; empty for an empty text."""
    return hashlib.blake2b(norm.encode(), digest_size=16).digest() if norm else b""


def _word_set(norm: str) -> str:
    """The distinct words, sorted: ``fuzz.token_set_ratio`` gives the same on this as on ``norm``
    (it compares the word sets only)."""
    return " ".join(sorted(set(norm.split())))


def prepare_document(doc: Document, shingle: int, template_types: Iterable[str]) -> None:
    """Compute and keep what the duplicate rules need of ``doc`` (see above)."""
    if not doc.text or doc.text.isspace():  # = not text.strip(), without copying the text
        return  # the duplicate rules leave empty documents out
    rec = _record(doc)
    norm = words = distinct = None
    if rec is None:
        norm, words = normalised_words(doc.text)
        stem, marks = _stem_and_marks(doc)
        rec = {"path": doc.path, "digest": _digest(norm), "stem": stem,
               "marks": marks, "shingles": {}, "head": None}
    need_head = doc.type not in set(template_types) and rec["head"] is None  # letters are no versions
    if shingle not in rec["shingles"] or need_head:
        if norm is None:
            norm, words = normalised_words(doc.text)
        # the distinct words in first-seen order (deterministic, unlike a set of bytes)
        distinct = dict.fromkeys(words) if words is not None else None
    if shingle not in rec["shingles"]:
        # of every document, letters on a template too: the corpus stage counts in how many
        # documents each shingle occurs (what many share is boilerplate)
        if words is not None:  # ASCII words as bytes: no second split (same hashes)
            hashes = ascii_shingle_hashes(words, distinct, shingle)
        else:
            hashes = shingle_hashes(norm, shingle)
        rec["shingles"] = {**rec["shingles"], shingle: distinct_sorted(hashes).astype("<u4").tobytes()}
    if need_head:
        if len(doc.text) > HEAD_CHARS:
            rec["head"] = _word_set(normalise(doc.text[:HEAD_CHARS]))
        elif distinct is not None:  # token_set_ratio reads the word set only: not sorted (~0.01 ms)
            rec["head"] = b" ".join(distinct).decode("ascii")
        else:
            rec["head"] = _word_set(norm)
    store_prepared(doc, _PREP, rec)


def spill_record(doc: Document, keep: Callable[[Any], Callable[[], Any]]) -> None:
    """Hand the large parts of ``doc``'s record, its shingle hashes and the word set of its head
    (~3.5 KB of the ~12 KB a generated document leaves in the main process), to ``keep``, which
    stores them and returns a function that reads them back (the audit's store above 2,000
    documents, ``store.ClauseStore.keep_value``); the corpus stage reads each once or twice.
    Only after the per-document rules (``prepare_document`` no longer runs on the document)."""
    rec = _record(doc)
    if rec is None:
        return
    rec["shingles"] = keep(rec["shingles"])
    if rec["head"] is not None:
        rec["head"] = keep(rec["head"])


def _loaded(value: Any) -> Any:
    """A record's value, read back when ``spill_record`` put it in the store."""
    return value() if callable(value) else value


def _record(doc: Document) -> dict[str, Any] | None:
    """The document's prepared record, if it was made from this text and path (``prepare``
    runs on the finished Document; its title does not change afterwards)."""
    rec = prepared(doc, _PREP)
    if rec is None or rec["path"] != doc.path:
        return None
    return rec


def _stem_of(doc: Document) -> str:
    rec = _record(doc)
    return rec["stem"] if rec is not None else title_stem(document_title(doc))


def _marks_of(doc: Document) -> tuple[str, ...]:
    rec = _record(doc)
    return rec["marks"] if rec is not None else _edition_marks(doc)


def _head_words(doc: Document) -> str:
    rec = _record(doc)
    if rec is not None and rec["head"] is not None:
        return _loaded(rec["head"])
    return _word_set(normalised_head(doc))


def text_digest(doc: Document) -> bytes:
    rec = _record(doc)
    return rec["digest"] if rec is not None else _digest(normalised_text(doc))


def shingle_set(doc: Document, shingle: int) -> np.ndarray:
    """The distinct shingle hashes of the document's normalised text, sorted, as uint32 (the
    values of ``shingle_hashes``; half the memory when the corpus stage counts them)."""
    rec = _record(doc)
    raw = _loaded(rec.get("shingles", {})).get(shingle) if rec is not None else None
    if raw is not None:
        return np.frombuffer(raw, dtype="<u4")
    return distinct_sorted(shingle_hashes(normalised_text(doc), shingle))


def corpus_boilerplate(docs: Sequence[Document], shingle: int, min_documents: int, share: float = 0.0) -> np.ndarray:
    """``boilerplate_shingles`` of the documents: in at least ``min_documents`` and at least
    ``share`` of them (letters on a template included; exact copies counted once, so a document
    filed many times does not make its own text boilerplate)."""
    seen: set[bytes] = set()
    counted = nonempty = 0
    parts: list[np.ndarray] = []  # the sets joined per batch: a set read from the store is let go at once
    batch: list[np.ndarray] = []
    for d in docs:
        digest = text_digest(d)
        if digest in seen:
            continue
        seen.add(digest)
        counted += 1
        hashes = shingle_set(d, shingle)
        if len(hashes):
            nonempty += 1
            batch.append(hashes)
        if len(batch) >= BOILERPLATE_BATCH:
            parts.append(np.concatenate(batch))
            batch = []
    need = max(min_documents, math.ceil(share * counted))
    if min_documents < 2 or nonempty < need:
        return np.zeros(0, dtype=np.uint32)
    # as boilerplate_shingles, without holding every set, their batches and their join at once
    joined = np.concatenate(parts + batch)
    parts.clear()
    return frequent_values(joined, need)


# ---------------------------------------------------------------- versions

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NEEDS_DIGIT = {0, 1, 2, 3, 4, 6}  # noise patterns (``_version_noise``) that match only where a digit is
_DIGIT = re.compile(r"\d")


def _version_noise(voc: Vocabulary) -> list[re.Pattern[str]]:
    """What ``title_stem`` takes out of a normalised title, in this order: dates, years, the
    vocabulary's ``version_words`` and version numbers (rules/vocabulary/versies.yml)."""
    def alternation(key: str, default: str) -> str:
        ws = sorted({normalise(w) for w in words(key, voc)} - {""}, key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ws) or default
    months = alternation("month_names", "januari")
    return [
        re.compile(r"\b\d{1,2} \d{1,2} (?:19|20)?\d{2}\b"),  # 25-03-2019 (normalised: 25 03 2019)
        re.compile(r"\b(?:19|20)\d{2} \d{1,2} \d{1,2}\b"),  # 2019-03-25
        re.compile(rf"\b\d{{1,2}}\s+(?:{months})\.?\s+(?:19|20)\d{{2}}\b"),  # 25 maart 2019
        re.compile(r"\b(?:versie|v)\s?(?:19|20)\d{2}(?:\s\d{1,2}){0,2}\b"),  # versie2014-10 (a dated edition)
        re.compile(r"\b(?:19|20)\d{2}\b"),  # 2019
        re.compile(r"\b(?:" + alternation("version_words", "(?!x)x") + r")\b"),  # def, concept, versie
        re.compile(r"\bv\s?\d+(?:\s\d+)*\b"),  # v2, v 1 3
        re.compile(r"\b(?:dd|d d)\b"),
    ]


def _noise_patterns(norm: str) -> list[re.Pattern[str]]:
    """The noise patterns (``_version_noise``) that can match ``norm`` (in order): without a
    digit only two are tried (a sub never adds a digit; ~2/3 of the pattern scans of a title saved)."""
    noise = current().derived("version-noise", _version_noise)
    if _DIGIT.search(norm):
        return noise
    return [p for i, p in enumerate(noise) if i not in _NEEDS_DIGIT]


def title_stem(title: str) -> str:
    """A title without years, dates and version marks: what editions of one document share.

    >>> title_stem("Beschrijving_arrangementen_Jeugd_2019_def.docx")
    'beschrijving arrangementen jeugd'
    """
    t = re.sub(r"\.(docx?|pdf|txt|md|html?|xml)$", "", title.strip(), flags=re.I)
    t = t.replace("_", " ")
    t = normalise(t)
    for pat in _noise_patterns(t):
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
        for pat in _noise_patterns(norm):
            out.extend(m.group(0) for m in pat.finditer(norm))
            norm = pat.sub(" ", norm)
    return tuple(sorted(set(out)))


def _strip_noise(norm: str, found: list[str]) -> str:
    """``norm`` with the noise patterns (``_version_noise``) replaced one after the other, as in
    ``title_stem``; what each replaced is appended to ``found`` (the same matches as
    ``finditer`` before the ``sub``, as in ``_edition_marks``: one scan per pattern)."""
    def keep(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return " "

    for pat in _noise_patterns(norm):
        norm = pat.sub(keep, norm)
    return norm


_FILE_EXT = re.compile(r"\.(docx?|pdf|txt|md|html?|xml)$", re.I)


def _stem_and_marks(doc: Document) -> tuple[str, tuple[str, ...]]:
    """``(title_stem(document_title(doc)), _edition_marks(doc))``, the title normalised and
    stripped once for both (~0.015 ms per document less)."""
    title = document_title(doc)
    found: list[str] = []
    stripped = _strip_noise(normalise(title.replace("_", " ")), found)
    # title_stem drops a file extension first; without one it strips the same normalised text
    stem = title_stem(title) if _FILE_EXT.search(title.strip()) else " ".join(stripped.split())
    _strip_noise(normalise(doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ")), found)
    return stem, tuple(sorted(set(found)))


def version_groups(docs: Sequence[Document], *, template_types: Iterable[str] = DEFAULT_TEMPLATE_TYPES,
                   min_similarity: float = 30.0, min_stem_words: int = 1) -> list[list[Document]]:
    """Groups of editions of one document: same title stem, different titles, some shared text.
    Each group is sorted oldest first (the newest is the last).

    Documents of a template type (letters to clients) are never versions of each other.
    Computed once per list of documents and parameters (the rules of one audit share it).

    >>> version_groups([])
    []
    """
    skip = tuple(sorted(set(template_types)))
    paths = memoised("versions", (skip, float(min_similarity), min_stem_words), docs,
                     lambda: [[d.path for d in g] for g in _version_groups(docs, skip, min_similarity, min_stem_words)])
    by_path = {d.path: d for d in docs}
    return [[by_path[p] for p in g] for g in paths]


def _version_groups(docs: Sequence[Document], template_types: Iterable[str], min_similarity: float,
                    min_stem_words: int) -> list[list[Document]]:
    by_stem: dict[str, list[Document]] = {}
    skip = set(template_types)
    for d in docs:
        if d.type in skip:
            continue
        stem = _stem_of(d)
        if len(stem.split()) < min_stem_words:
            continue
        by_stem.setdefault(stem, []).append(d)
    out = []
    for stem, members in sorted(by_stem.items()):
        if len(members) < 2:
            continue
        # editions differ in a year, date or version mark; the same file in two formats does not
        marks = {_marks_of(d) for d in members}
        if len(marks) < 2:
            continue
        # connected components of "shares some text" (token_set_ratio >= min_similarity), built
        # incrementally: a document joins a component as soon as it is similar to one member,
        # so editions of one document cost one comparison each instead of all pairs
        norms = [_head_words(d) for d in members]  # token_set_ratio only reads the word sets
        comps: list[list[int]] = []
        for i in range(len(members)):
            hit = []
            for ci, comp in enumerate(comps):
                for j in comp:
                    if fuzz.token_set_ratio(norms[i], norms[j], score_cutoff=min_similarity) >= min_similarity:
                        hit.append(ci)
                        break
            merged = [i] + [j for ci in hit for j in comps[ci]]
            comps = [c for ci, c in enumerate(comps) if ci not in hit] + [merged]
        for comp in sorted(comps, key=min):
            if len(comp) >= 2:
                out.append(sorted((members[i] for i in comp), key=_version_tag))
    return out
