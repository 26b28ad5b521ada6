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
import hashlib
import math
import re
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Literal, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ...model import Clause, Document, Finding
from ...text import document_title, fill, normalise, normalised_words
from ..base import EXCERPT_MAX, Context, RuleType, make_finding, per_stage, prepared, store_prepared
from ..registry import register

DEFAULT_TEMPLATE_TYPES = ["beschikking", "gespreksverslag"]

def shingles(norm: str, k: int = 5) -> set[bytes]:
    """Word k-shingles of a normalised text, as bytes (for an exact Jaccard in tests and tools).

    >>> sorted(shingles("a b c", 2))
    [b'a b', b'b c']
    """
    words = norm.split()
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


_WORD_HASH: dict[str, int] = {}
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _word_hashes(words: list[str]) -> np.ndarray:
    """A 64-bit hash per word (crc32 of the word, spread), cached per distinct word."""
    cache = _WORD_HASH
    if len(cache) > 2_000_000:
        cache.clear()
    for w in set(words).difference(cache):
        c = zlib.crc32(w.encode())
        cache[w] = ((c * 0x9E3779B97F4A7C15) ^ (c << 29) ^ len(w)) & 0xFFFFFFFFFFFFFFFF
    return np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))


def shingle_hashes(norm: str, k: int = 5) -> np.ndarray:
    """32-bit hashes of the word k-shingles of a normalised text (deterministic: no
    per-process salt), computed with numpy from one hash per word. A shingle that occurs twice
    is hashed twice (harmless for a MinHash, cheaper than removing it).

    >>> len(set(shingle_hashes("een twee drie vier vijf zes een twee drie vier vijf", 5).tolist()))
    6
    """
    words = norm.split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    return _combine(_word_hashes(words), k)


_WORD_HASH_B: dict[bytes, int] = {}


def _ascii_shingle_hashes(words: list[bytes], distinct: Iterable[bytes], k: int = 5) -> np.ndarray:
    """``shingle_hashes`` of ASCII words given as bytes (``normalised_words``), with their set:
    the same values (crc32 of the same bytes, len(bytes) = len(str)) without a split or an
    encode per word."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    cache = _WORD_HASH_B
    if len(cache) > 2_000_000:
        cache.clear()
    for w in [w for w in distinct if w not in cache]:
        c = zlib.crc32(w)
        cache[w] = ((c * 0x9E3779B97F4A7C15) ^ (c << 29) ^ len(w)) & 0xFFFFFFFFFFFFFFFF
    return _combine(np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words)), k)


def _combine(wh: np.ndarray, k: int) -> np.ndarray:
    """The k-shingle hashes from the word hashes ``wh`` (non-empty)."""
    if len(wh) <= k:
        n, k = 1, len(wh)
    else:
        n = len(wh) - k + 1
    return _mix_windows(wh, n, k)


def _mix_windows(wh: np.ndarray, n: int, k: int) -> np.ndarray:
    """32-bit hashes of the ``n`` windows of ``k`` consecutive word hashes in ``wh``
    (order-sensitive, then mixed)."""
    h = wh[:n].copy()
    with np.errstate(over="ignore"):
        for t in range(1, k):
            h *= _MIX
            h += wh[t:t + n]
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    h &= np.uint64(0xFFFFFFFF)
    return h


def batch_shingle_hashes(norms: Sequence[str], k: int = 5) -> list[np.ndarray]:
    """``[shingle_hashes(n, k) for n in norms]``, computed with a few numpy calls for the whole
    batch instead of a dozen per text (what matters for tens of thousands of short sections).

    >>> [h.tolist() == shingle_hashes(n).tolist() for n, h in zip(["a b c d e f", "x y"], batch_shingle_hashes(["a b c d e f", "x y"]))]
    [True, True]
    """
    words = [n.split() for n in norms]
    lens = [len(w) for w in words]
    flat = [w for ws in words for w in ws]
    wh = _word_hashes(flat)
    total = len(flat)
    h = np.zeros(0, dtype=np.uint64)
    if total >= k:  # the same combination as shingle_hashes, over all texts at once
        h = _mix_windows(wh, total - k + 1, k)
    out: list[np.ndarray] = []
    pos = 0
    for norm, n in zip(norms, lens):
        if n == 0:
            out.append(np.zeros(0, dtype=np.uint64))
        elif n < k:
            out.append(shingle_hashes(norm, k))
        else:  # windows that lie inside this text
            out.append(h[pos:pos + n - k + 1])
        pos += n
    return out


@functools.lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash functions, one per permutation: (odd 64-bit a, 64-bit b)."""
    rng = np.random.RandomState(seed)
    a = (rng.randint(0, 2 ** 32, size=num_perm, dtype=np.uint64) << np.uint64(32)) | \
        rng.randint(0, 2 ** 32, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = (rng.randint(0, 2 ** 32, size=num_perm, dtype=np.uint64) << np.uint64(32)) | \
        rng.randint(0, 2 ** 32, size=num_perm, dtype=np.uint64)
    return a, b


def minhash_signatures(hash_sets: Sequence[np.ndarray], num_perm: int = 128) -> np.ndarray:
    """MinHash signatures (one row per set, ``num_perm`` uint32 columns), vectorised with numpy:
    permutation p of a shingle hash x is ``(a_p * x + b_p) >> 32`` (multiply-shift hashing).
    Sets are processed in blocks of about a million values (many small sets per numpy call).
    An empty set gets an all-max row (it matches nothing)."""
    a, b = _permutations(num_perm)
    n = len(hash_sets)
    sig = np.full((n, num_perm), 0xFFFFFFFF, dtype=np.uint64)
    lens = np.fromiter((len(h) for h in hash_sets), dtype=np.int64, count=n)
    limit = max(1, 256_000 // num_perm)  # values per block: temporaries stay in the CPU cache
    ends = np.cumsum(lens)
    shift = np.uint64(32)
    i = 0
    with np.errstate(over="ignore"):
        while i < n:
            start = ends[i] - lens[i]
            j = max(i + 1, int(np.searchsorted(ends, start + limit, side="right")))
            idx = [k for k in range(i, j) if lens[k]]
            if len(idx) == 1 and lens[idx[0]] > limit:  # one large set: in chunks
                hs = hash_sets[idx[0]]
                for s in range(0, len(hs), limit):
                    t = np.multiply.outer(hs[s:s + limit], a)
                    t += b
                    np.minimum(sig[idx[0]], t.min(axis=0) >> shift, out=sig[idx[0]])
            elif idx:
                block = np.concatenate([hash_sets[k] for k in idx])
                offsets = np.concatenate(([0], np.cumsum(lens[idx])[:-1]))
                # permutations x values (each row contiguous), minimum per set along the row;
                # in place, and shifted after the minimum (x >> 32 is monotonic, so the minimum
                # is the same): two passes over the temporary instead of four
                t = np.multiply.outer(a, block)
                t += b[:, None]
                sig[idx] = (np.minimum.reduceat(t, offsets, axis=1) >> shift).T
            i = j
    return sig.astype(np.uint32)


def minhash_one(hashes: np.ndarray, num_perm: int = 128) -> np.ndarray:
    """``minhash_signatures([hashes], num_perm)[0]`` for one set of at most a few hundred
    thousand values, without the batching (~25 us less per document in ``prepare``)."""
    if not len(hashes):
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if len(hashes) > max(1, 256_000 // num_perm):
        return minhash_signatures([hashes], num_perm)[0]
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        t = np.multiply.outer(a, hashes)
        t += b[:, None]
        m = t.min(axis=1)
    m >>= np.uint64(32)
    return m.astype(np.uint32)


@functools.lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) for an LSH with this Jaccard threshold: datasketch's optimum (equal weights
    for the false-positive and false-negative areas), without importing datasketch and scipy.
    The integrands are polynomials of degree <= ``num_perm``: Gauss-Legendre quadrature with
    enough nodes integrates them exactly.

    >>> lsh_bands(0.4, 128)
    (32, 4)
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 2)

    def integral(f, lo: float, hi: float) -> float:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        return float((hi - lo) / 2 * np.dot(weights, f(s)))

    def error(b: int, r: int) -> float:
        fp = integral(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)
        fn = integral(lambda s: (1 - s ** float(r)) ** float(b), threshold, 1.0)
        return 0.5 * fp + 0.5 * fn

    # all (b, r) at once with numpy (the loop below took ~35 ms of the corpus stage), then the
    # few near the minimum again one by one, in the loop's order and arithmetic: the same answer
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=float)
    bb, rr = pairs[:, :1], pairs[:, 1:]
    s_fp = threshold / 2 * nodes + threshold / 2
    s_fn = (1.0 - threshold) / 2 * nodes + (threshold + 1.0) / 2
    fp = threshold / 2 * ((1 - (1 - s_fp ** rr) ** bb) @ weights)
    fn = (1.0 - threshold) / 2 * (((1 - s_fn ** rr) ** bb) @ weights)
    approx = 0.5 * fp + 0.5 * fn
    near = np.flatnonzero(approx <= approx.min() + 1e-9 * max(1.0, abs(approx.min())))
    best, opt = float("inf"), (0, 0)
    for k in near:
        b, r = int(pairs[k, 0]), int(pairs[k, 1])
        err = error(b, r)
        if err < best:
            best, opt = err, (b, r)
    return opt


# ---------------------------------------------------------------- boilerplate

# Letters, beschikkingen and knowledge-base pages built on one template share their letterhead,
# introduction and standard clauses (the bezwaarclausule). Those shingles say nothing about
# whether two documents are copies: a shingle that occurs in many documents of the corpus is
# boilerplate. It is left out of the MinHash signatures (so documents on one template no longer
# meet in the LSH buckets, which made the candidate pairs grow with the square of the corpus) and
# out of the text a candidate pair is confirmed on; a document or passage with too little text of
# its own is compared only as an exact copy.


def boilerplate_shingles(sets: Sequence[np.ndarray], min_documents: int) -> np.ndarray:
    """The shingle hashes that occur in at least ``min_documents`` of ``sets`` (each the distinct
    shingle hashes of one text), sorted; counted in one pass. ``min_documents`` below 2: none.

    >>> boilerplate_shingles([np.array([1, 2]), np.array([2, 3]), np.array([2])], 3).tolist()
    [2]
    """
    sets = [x for x in sets if len(x)]
    if min_documents < 2 or len(sets) < min_documents:
        return np.zeros(0, dtype=np.uint32)
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    return values[counts >= min_documents]


def is_boilerplate(hashes: np.ndarray, boilerplate: np.ndarray) -> np.ndarray:
    """For each of ``hashes``: is it one of the (sorted) ``boilerplate`` hashes."""
    if not len(boilerplate) or not len(hashes):
        return np.zeros(len(hashes), dtype=bool)
    at = np.minimum(np.searchsorted(boilerplate, hashes), len(boilerplate) - 1)
    return boilerplate[at] == hashes


def own_shingles(distinct: np.ndarray, boilerplate: np.ndarray) -> np.ndarray:
    """The distinct shingle hashes ``distinct`` without the boilerplate ones."""
    return distinct[~is_boilerplate(distinct, boilerplate)]


def distinctive_text(norm: str, boilerplate: np.ndarray, k: int = 5) -> str:
    """The words of a normalised text that lie in at least one shingle that is not boilerplate
    (the text without its letterhead, standard clauses and shared introduction).

    >>> distinctive_text("a b c d e f", np.zeros(0, dtype=np.uint64), 5)
    'a b c d e f'
    """
    words = norm.split()
    if not words or not len(boilerplate):
        return norm
    own = ~is_boilerplate(shingle_hashes(norm, k), boilerplate)  # window i: words i .. i+k-1
    if own.all():
        return norm
    span = min(k, len(words))
    covered = np.concatenate(([0], np.cumsum(own)))
    j = np.arange(len(words))
    first = np.maximum(0, j - span + 1)  # the windows that hold word j: first .. last
    last = np.minimum(j, len(own) - 1)
    keep = covered[last + 1] - covered[first] > 0
    return " ".join(w for w, kept in zip(words, keep.tolist()) if kept)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class Matcher:
    """Finds groups of near-identical texts: MinHash/LSH candidates, rapidfuzz confirmation,
    connected components.

    >>> Matcher().groups(["een twee drie vier vijf zes", "een twee drie vier vijf zes", "iets anders"])
    [[0, 1]]
    """

    shingle: int = 5
    num_perm: int = 128
    lsh_threshold: float = 0.4
    min_ratio: float = 85.0
    min_token_set_ratio: float = 90.0

    min_jaccard: float = 0.2
    # an LSH bucket with more members than this (texts that share a template that the
    # boilerplate filter did not catch) gives only the pairs of each member with its first one,
    # not all pairs: near-copies still meet (they are connected through the first), the cost
    # stays linear in the bucket
    max_bucket: int = 100

    def similar(self, a: str, b: str) -> bool:
        """The confirmation both the LSH path and an all-pairs comparison use: rapidfuzz
        ``ratio`` >= ``min_ratio`` and ``token_set_ratio`` >= ``min_token_set_ratio``."""
        la, lb = len(a), len(b)
        # ratio = 2 * LCS / (la + lb) <= 2 * min / (la + lb): a cheap exact bound
        if la + lb and 200.0 * min(la, lb) / (la + lb) < self.min_ratio:
            return False
        # both must hold; token_set_ratio (on the word sets) is the cheaper one, so first
        if fuzz.token_set_ratio(a, b, score_cutoff=self.min_token_set_ratio) < self.min_token_set_ratio:
            return False
        return fuzz.ratio(a, b, score_cutoff=self.min_ratio) >= self.min_ratio

    def signatures(self, norms: Sequence[str]) -> np.ndarray:
        """MinHash signatures of the normalised texts (word shingles), in batches of about a
        million words (bounded memory)."""
        parts = [np.zeros((0, self.num_perm), dtype=np.uint32)]
        i = 0
        while i < len(norms):
            j, words = i, 0
            while j < len(norms) and (j == i or words < 1_000_000):
                words += norms[j].count(" ") + 1
                j += 1
            parts.append(minhash_signatures(batch_shingle_hashes(norms[i:j], self.shingle), self.num_perm))
            i = j
        return np.concatenate(parts)

    def buckets(self, sig: np.ndarray, nonempty: Sequence[bool] | None = None) -> list[list[int]]:
        """LSH buckets with at least two members: indexes whose signatures agree on one band."""
        bands, rows = lsh_bands(self.lsh_threshold, self.num_perm)
        keep = np.arange(len(sig)) if nonempty is None else np.flatnonzero(np.asarray(nonempty, dtype=bool))
        out: list[list[int]] = []
        for band in range(bands):
            part = np.ascontiguousarray(sig[keep, band * rows:(band + 1) * rows])
            keys = part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel()
            _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
            inverse = inverse.ravel()
            multi = np.flatnonzero(counts[inverse] > 1)
            if not len(multi):
                continue
            order = multi[np.argsort(inverse[multi], kind="stable")]
            ids = inverse[order]
            cuts = np.flatnonzero(np.diff(ids)) + 1
            for grp in np.split(keep[order], cuts):
                out.append(grp.tolist())
        return out

    def _candidates(self, sig: np.ndarray, nonempty: Sequence[bool]) -> list[tuple[int, int]]:
        """LSH candidate pairs (i < j), most similar signatures first, without those whose
        estimated Jaccard similarity is below ``min_jaccard``."""
        pairs: set[tuple[int, int]] = set()
        for members in self.buckets(sig, nonempty):
            if len(members) > self.max_bucket:
                pairs.update((members[0], y) for y in members[1:])
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
        if not pairs:
            return []
        arr = np.array(sorted(pairs), dtype=np.int64)
        est = np.empty(len(arr))
        step = max(1, 4_000_000 // sig.shape[1])
        for s in range(0, len(arr), step):  # bounded temporary memory
            blk = arr[s:s + step]
            est[s:s + step] = (sig[blk[:, 0]] == sig[blk[:, 1]]).mean(axis=1)
        keep = est >= self.min_jaccard
        arr, est = arr[keep], est[keep]
        order = np.lexsort((arr[:, 1], arr[:, 0], -est))
        return [(int(i), int(j)) for i, j in arr[order]]

    def candidate_pairs(self, norms: Sequence[str]) -> set[tuple[int, int]]:
        """Pairs (i < j) that share an LSH band and whose MinHash signatures agree on at least
        ``min_jaccard`` of their positions: near-duplicates with high probability.

        LSH with ``lsh_threshold`` 0.4 also returns, by chance, a few percent of the pairs
        near Jaccard 0.2; in a large corpus of documents on shared model texts those are
        many (quadratic in the corpus), while the near-duplicates that LSH finds reliably share far
        more (>= 0.7 on the benchmark corpora): the estimate keeps the chance pairs out of the
        rapidfuzz confirmation, so the time stays close to linear."""
        return set(self._candidates(self.signatures(norms), [bool(n.strip()) for n in norms]))

    def groups(self, texts: Sequence[str], *, allowed=None, normalised: bool = False) -> list[list[int]]:
        """Connected components (sorted lists of indexes, at least two) of confirmed pairs.
        ``allowed(i, j)`` may veto a pair before the (costlier) rapidfuzz confirmation.

        A candidate pair whose two texts are already connected through confirmed pairs is not
        compared again: that cannot change the components, and it keeps large groups of copies
        linear instead of all pairs."""
        norms = list(texts) if normalised else [normalise(t) for t in texts]
        return self.groups_of(self.signatures(norms), [bool(n) for n in norms], norms.__getitem__, allowed=allowed)

    def groups_of(self, sig: np.ndarray, nonempty: Sequence[bool], text, *, allowed=None,
                  distinct=None) -> list[list[int]]:
        """``groups`` from the signatures (one row per text) and which texts are not empty;
        ``text(i)`` gives a normalised text, asked only for the candidate pairs. ``distinct(i)``,
        if given, is the text without its boilerplate (``distinctive_text``): a pair must be
        similar on that too, so two letters on one template are not confirmed by their shared
        letterhead and standard clauses."""
        uf = _UnionFind(len(sig))
        linked: set[int] = set()
        for i, j in self._candidates(sig, nonempty):
            if uf.find(i) == uf.find(j):
                continue
            if allowed is not None and not allowed(i, j):
                continue
            if self.similar(text(i), text(j)) and (distinct is None or self.similar(distinct(i), distinct(j))):
                uf.union(i, j)
                linked.update((i, j))
        comps: dict[int, list[int]] = {}
        for i in sorted(linked):
            comps.setdefault(uf.find(i), []).append(i)
        return sorted(c for c in comps.values() if len(c) >= 2)


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
    key = (name, params, per_stage("corpus_key", docs, lambda: corpus_key(docs)))
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
            hashes = _ascii_shingle_hashes(words, distinct, shingle)
        else:
            hashes = shingle_hashes(norm, shingle)
        rec["shingles"] = {**rec["shingles"], shingle: np.unique(hashes).astype("<u4").tobytes()}
    if need_head:
        if len(doc.text) > HEAD_CHARS:
            rec["head"] = _word_set(normalise(doc.text[:HEAD_CHARS]))
        elif distinct is not None:  # token_set_ratio reads the word set only: not sorted (~0.01 ms)
            rec["head"] = b" ".join(distinct).decode("ascii")
        else:
            rec["head"] = _word_set(norm)
    store_prepared(doc, _PREP, rec)


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
        return rec["head"]
    return _word_set(normalised_head(doc))


def _text_digest(doc: Document) -> bytes:
    rec = _record(doc)
    return rec["digest"] if rec is not None else _digest(normalised_text(doc))


def _shingle_set(doc: Document, shingle: int) -> np.ndarray:
    """The distinct shingle hashes of the document's normalised text, sorted, as uint32 (the
    values of ``shingle_hashes``; half the memory when the corpus stage counts them)."""
    rec = _record(doc)
    raw = rec.get("shingles", {}).get(shingle) if rec is not None else None
    if raw is not None:
        return np.frombuffer(raw, dtype="<u4")
    return np.unique(shingle_hashes(normalised_text(doc), shingle)).astype(np.uint32)


def corpus_boilerplate(docs: Sequence[Document], shingle: int, min_documents: int, share: float = 0.0) -> np.ndarray:
    """``boilerplate_shingles`` of the documents: in at least ``min_documents`` and at least
    ``share`` of them (letters on a template included; exact copies counted once, so a document
    filed many times does not make its own text boilerplate)."""
    seen: set[bytes] = set()
    sets = []
    for d in docs:
        digest = _text_digest(d)
        if digest in seen:
            continue
        seen.add(digest)
        sets.append(_shingle_set(d, shingle))
    if min_documents < 2:
        return np.zeros(0, dtype=np.uint32)
    return boilerplate_shingles(sets, max(min_documents, math.ceil(share * len(sets))))


# ---------------------------------------------------------------- versions

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
           "december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_VERSION_NOISE = [
    re.compile(r"\b\d{1,2} \d{1,2} (?:19|20)?\d{2}\b"),  # 25-03-2019 (normalised: 25 03 2019)
    re.compile(r"\b(?:19|20)\d{2} \d{1,2} \d{1,2}\b"),  # 2019-03-25
    re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}\b"),  # 25 maart 2019
    re.compile(r"\b(?:versie|v)\s?(?:19|20)\d{2}(?:\s\d{1,2}){0,2}\b"),  # versie2014-10 (a dated edition)
    re.compile(r"\b(?:19|20)\d{2}\b"),  # 2019
    re.compile(r"\b(?:def|definitief|definitieve|final|concept|ontwerp|versie|vs|versienummer)\b"),
    re.compile(r"\bv\s?\d+(?:\s\d+)*\b"),  # v2, v 1 3
    re.compile(r"\b(?:dd|d d)\b"),
]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NEEDS_DIGIT = {0, 1, 2, 3, 4, 6}  # _VERSION_NOISE patterns that match only where a digit is
_DIGIT = re.compile(r"\d")


def _noise_patterns(norm: str) -> list[re.Pattern[str]]:
    """The _VERSION_NOISE patterns that can match ``norm`` (in order): without a digit only two
    are tried (a sub never adds a digit; ~2/3 of the pattern scans of a title saved)."""
    if _DIGIT.search(norm):
        return _VERSION_NOISE
    return [p for i, p in enumerate(_VERSION_NOISE) if i not in _NEEDS_DIGIT]


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
    """``norm`` with the _VERSION_NOISE patterns replaced one after the other, as in
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

        uf = _UnionFind(len(docs))
        linked: set[int] = set()
        for g in self._near_copies(docs, allowed_docs):
            for i in g:
                uf.union(g[0], i)
                linked.add(i)
        by_text: dict[bytes, list[int]] = {}  # digest of the normalised text -> documents
        for i, d in enumerate(docs):
            by_text.setdefault(_text_digest(d), []).append(i)
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
        own = [own_shingles(_shingle_set(docs[i], m.shingle), boilerplate) for i in free]
        usable = [len(o) >= p.min_own_shingles for o in own]
        sig = minhash_signatures(own, m.num_perm)

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
        own = [own_shingles(np.unique(h).astype(np.uint32), boilerplate) for h in batch_shingle_hashes(norms, m.shingle)]
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
