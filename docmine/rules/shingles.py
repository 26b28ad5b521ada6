"""Near copies among normalised texts: word shingles hashed (numpy), MinHash signatures, LSH
bands, boilerplate (shingles that many documents share), and the ``Matcher`` that finds groups of
near-identical texts (MinHash/LSH candidates confirmed with rapidfuzz, connected components).
Used by the ``duplicate`` rules (rules/types/duplicate.py)."""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz

from ..text import normalise


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


def ascii_shingle_hashes(words: list[bytes], distinct: Iterable[bytes], k: int = 5) -> np.ndarray:
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


def distinct_sorted(hashes: np.ndarray) -> np.ndarray:
    """The distinct values of ``hashes``, sorted, as uint32 (shingle hashes are 32 bits): what
    ``np.unique`` gives, by a sort and a comparison with the neighbour (``np.unique`` of numpy
    2.3+ hashes first: ~9x slower on a document's few thousand shingles)."""
    out = np.sort(hashes).astype(np.uint32)
    if len(out) > 1:
        out = out[np.concatenate(([True], out[1:] != out[:-1]))]
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
    return frequent_values(np.concatenate(sets), min_documents)


def frequent_values(values: np.ndarray, min_count: int) -> np.ndarray:
    """The values that occur at least ``min_count`` times in ``values``, sorted: what
    ``np.unique(values, return_counts=True)`` gives, with ``values`` sorted in place instead of
    copied (every shingle of a corpus: the largest array of its corpus stage).

    >>> frequent_values(np.array([3, 1, 3, 2, 3, 1], dtype=np.uint32), 2).tolist()
    [1, 3]
    """
    if not len(values):
        return values
    values.sort()
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    counts = np.diff(np.append(starts, len(values)))
    return values[starts[counts >= min_count]]


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


class UnionFind:
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
        uf = UnionFind(len(sig))
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
