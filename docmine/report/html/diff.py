"""Two texts side by side with the words that differ marked (``<del>`` left, ``<ins>`` right)."""

from __future__ import annotations

import re

# Imported with this module, so in the process that starts the HTML writer's child, not in the
# child on the critical path (~12 ms).
from rapidfuzz.distance import Indel

from .markup import e, plural

_SPACE_RUNS = re.compile(r"(\s+)")


def _tokens(text: str) -> list[str]:
    """Runs of whitespace and of other characters in turn (as ``re.findall(r"\\s+|\\S+")``, faster)."""
    parts = _SPACE_RUNS.split(text)
    if not parts[0]:
        del parts[0]
    if parts and not parts[-1]:
        parts.pop()
    return parts


def _keys(tokens: list[str]) -> list[str]:
    """The tokens to compare: every run of whitespace as one " " (``_tokens`` gives runs of
    whitespace and of other characters in turn, so every other token is whitespace)."""
    keys = tokens[:]
    if keys:
        first = 0 if not keys[0].strip() else 1
        keys[first::2] = [" "] * len(range(first, len(keys), 2))
    return keys


def _tokenized(text: str, cache: dict[str, tuple[list[str], list[str]]] | None) -> tuple[list[str], list[str]]:
    """(tokens, keys) of the escaped ``text``; ``cache`` keeps them for a text diffed again (a
    document in several version pairs: ~45% of the texts of the benchmark's pairs)."""
    got = cache.get(text) if cache is not None else None
    if got is None:
        tokens = _tokens(e(text))
        got = (tokens, _keys(tokens))
        if cache is not None:
            cache[text] = got
    return got


def word_diff(a: str, b: str, cache: dict[str, tuple[list[str], list[str]]] | None = None,
              same_context: int | None = None) -> tuple[str, str]:
    """Both texts as escaped HTML with the words only in ``a`` in ``<del>`` and only in ``b`` in ``<ins>``.
    ``same_context``: a longer unchanged stretch keeps that many tokens (words and spaces) at each
    end and says in between how many words are the same (near-copies are mostly unchanged text).

    Example: ``word_diff("de AWBZ geldt", "de Wlz geldt")`` -> ``("de <del>AWBZ</del> geldt", "de <ins>Wlz</ins> geldt")``.
    """
    # Escape the whole texts once and diff the escaped tokens: escaping is injective and adds no
    # whitespace, so the diff is the same (only control characters, dropped anyway, may re-split).
    ta, ka = _tokenized(a, cache)
    tb, kb = _tokenized(b, cache)
    # rapidfuzz's LCS opcodes (C, bit-parallel): difflib took ~0.27 s per document pair here
    # The tags go onto the first and last token of each deleted/inserted run and the equal runs
    # are left as they are, so each side is one join (~30% less than joining every run; most
    # runs of a version pair are single words). A run of two or more tokens always holds a word.
    # (A token is whitespace iff its key is " ": a comparison instead of a strip per run, 1-2 ms per 300 pairs.)
    # Two runs with only a space between them become one (a rewritten sentence is one <del>,
    # not one per word: the side-by-side of 300 version pairs ~2 MB smaller).
    left, right = ta[:], tb[:]
    last_del = last_ins = -3  # the token that ends the last marked run (none yet: no run can follow it)
    for op, i1, i2, j1, j2 in Indel.opcodes(ka, kb).as_list():
        if op == "delete":
            if i2 - i1 > 1 or ka[i1] != " ":
                if i1 == last_del + 2 and ka[i1 - 1] == " ":  # one whitespace token after the last run
                    left[last_del] = left[last_del][:-len("</del>")]
                else:
                    left[i1] = "<del>" + left[i1]
                left[i2 - 1] += "</del>"
                last_del = i2 - 1
        elif op == "insert":
            if j2 - j1 > 1 or kb[j1] != " ":
                if j1 == last_ins + 2 and kb[j1 - 1] == " ":
                    right[last_ins] = right[last_ins][:-len("</ins>")]
                else:
                    right[j1] = "<ins>" + right[j1]
                right[j2 - 1] += "</ins>"
                last_ins = j2 - 1
        elif same_context is not None:  # equal
            _collapse_same(left, ka, i1, i2, same_context)
            _collapse_same(right, kb, j1, j2, same_context)
    return "".join(left), "".join(right)


def _collapse_same(out: list[str], keys: list[str], lo: int, hi: int, keep: int) -> None:
    """Replace the middle of the unchanged tokens ``out[lo:hi]`` by one note of how many words
    it held, keeping ``keep`` tokens at each end (nothing when that would save little)."""
    head, tail = lo + keep, hi - keep
    if tail - head < 2 * keep:
        return
    words = sum(1 for k in keys[head:tail] if k != " ")
    out[head] = f'<span class="same"> [… {plural(words, "woord", "woorden")} gelijk …] </span>'
    out[head + 1:tail] = [""] * (tail - head - 1)
