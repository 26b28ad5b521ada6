"""Regex building for speed: every alternative starts with a literal character.

Python's ``re`` skips quickly to the characters a pattern can start with when each of its
alternatives begins with a plain (case-sensitive) literal; a pattern that begins with ``\\b``,
a lookbehind or a case-insensitive letter is tried at every position instead (20-40 ns per
character: 0.2-0.3 ms per 5 KB text file for each such pattern).

>>> import re
>>> rx = re.compile(literal_first([("w", "et", True), ("j", "eugdwet", True)], r"[\\w-]") + r"(?!\\w)")
>>> [m.group(0) for m in rx.finditer("WET, wet, zwet, jeugdwet")]
['WET', 'wet', 'jeugdwet']
"""

from __future__ import annotations

import heapq
import re

# Kelvin sign, long s, dotless i, dotted I: the characters beyond upper/lower case that
# re.IGNORECASE matches with an ASCII letter (k, s, i); checked against all of Unicode in a test
_ODD_PARTNERS = "\u212a\u017f\u0131\u0130"


def case_variants(ch: str) -> list[str]:
    """The characters ``ch`` matches under ``re.IGNORECASE``.

    >>> case_variants("w"), [hex(ord(c)) for c in case_variants("k")]  # k, K and the Kelvin sign
    (['w', 'W'], ['0x6b', '0x4b', '0x212a'])
    """
    cands = dict.fromkeys([ch, ch.lower(), ch.upper(), *_ODD_PARTNERS])
    return [c for c in cands if len(c) == 1 and re.fullmatch(re.escape(ch), c, re.I)]


def literal_first(branches: list[tuple[str, str, bool]], not_after: str) -> str:
    """``[c1c2...](?<!X.)(?:(?<=c1)rest1|(?<=c2)rest2|...)`` for (first letter, rest, fold)
    triples, X = ``not_after``: the same matches as ``(?<!X)(?:c1rest1|c2rest2|...)`` (a folded
    branch as ``(?i:c1rest1)``: its first letter in all its case variants), found much faster:
    re skips to the first letters, and a letter inside a word fails at the first test. Branches
    keep their order; first letters must be letters (so that ``.`` matches them)."""
    firsts: dict[str, None] = {}
    alts = []
    for ch, rest, fold in branches:
        if not ch.isalpha():
            raise ValueError(f"first character {ch!r} is not a letter")
        variants = case_variants(ch) if fold else [ch]
        firsts.update(dict.fromkeys(variants))
        alts.append(f"(?<=[{''.join(variants)}])" + (f"(?i:{rest})" if fold and rest else rest))
    return f"[{''.join(firsts)}](?<!{not_after}.)(?:" + "|".join(alts) + ")"


def ascii_lower(text: str) -> str | None:
    """``text`` with A-Z lowered, every other character still non-ASCII (same length, same
    offsets), or None when that is not what ``text.lower()`` gives for ASCII words: with the Kelvin
    sign (lowered to ``k``) or ``İ`` (lowered to two characters) the caller lowers as before.

    For a word of ASCII letters ``w``, ``w in ascii_lower(t)[a:b]`` is ``w in t[a:b].lower()``
    (only ASCII letters, the Kelvin sign and ``İ`` lower to ASCII; other characters change into
    non-ASCII ones, one for one). ``str.lower`` handles each non-ASCII character through the
    Unicode tables (~5 ns a character); bytes.lower on Latin-1 (UTF-16 beyond it) is a table
    lookup (~4 µs for a 5 KB text).

    >>> ascii_lower("Cliënt ÉÉN Artikel"), ascii_lower("\u212aelvin")
    ('cliënt ÉÉn artikel', None)
    """
    if text.isascii():
        low = text.lower()
    elif "\u212a" in text or "\u0130" in text:
        low = None
    else:
        try:
            low = text.encode("latin-1").lower().decode("latin-1")
        except UnicodeEncodeError:
            # UTF-16: bytes.lower changes only bytes 41-5A; in a code unit other than an ASCII
            # letter that keeps it non-ASCII (and a surrogate a surrogate of the same kind)
            low = text.encode("utf-16-le", "surrogatepass").lower().decode("utf-16-le", "surrogatepass")
            if len(low) != len(text):  # a lone surrogate pair ("\ud800\udc00") came back as one character
                low = None
    return low


def lower_for_words(text: str) -> str | None:
    """``ascii_lower(text)`` when a word of ASCII letters that a case-insensitive pattern matches
    in ``text`` is always in it, else None: not when ``text`` holds ``ſ`` or ``ı``, which
    ``re.IGNORECASE`` matches with ``s`` and ``i`` (see ``case_variants``). Lets a caller skip a
    pattern when a word every match holds is not in the text (``str.find`` is ~50x faster than
    ``re`` trying a pattern along the text)."""
    if "\u017f" in text or "\u0131" in text:
        return None
    return ascii_lower(text)


def lower_line(s: str) -> str | None:
    """``s.lower()`` when an ASCII word a case-insensitive pattern matches in ``s`` is in it, else
    None (``s`` holds a character that ``re.IGNORECASE`` matches with an ASCII letter but
    ``str.lower`` does not lower to it); for a line or a title (``lower_for_words`` keeps offsets
    of a long text)."""
    return None if any(c in s for c in _ODD_PARTNERS) else s.lower()


def matches_at(rx: re.Pattern, text: str, low: str, needles: list[tuple[str, int]], end: int | None = None) -> list[re.Match]:
    """The matches of ``rx.finditer(text[:end])`` for a pattern each of whose matches holds one of
    ``needles`` (ASCII word, offset) at its start + offset, given ``low = lower_for_words(text)``:
    ``rx`` is tried only where a needle is (``str.find``), not along the whole text."""
    end = len(text) if end is None else min(end, len(text))
    return matches_from(rx, text, needle_starts(low, needles, end), end)


def matches_from(rx: re.Pattern, text: str, starts: list[int], end: int | None = None) -> list[re.Match]:
    """The matches of ``rx.finditer(text[:end])`` for a pattern whose every match starts at one of
    ``starts`` (sorted): ``rx`` is tried at those places only."""
    end = len(text) if end is None else min(end, len(text))
    out = []
    pos = 0
    for c in starts:
        if c >= pos and (m := rx.match(text, c, end)) is not None:
            out.append(m)
            pos = m.end()
    return out


def first_at(rx: re.Pattern, text: str, low: str | None, needles: list[tuple[str, int]] | None,
             end: int | None = None) -> re.Match | None:
    """``rx.search(text[:end])`` for a pattern like ``matches_at``'s (each match holds one of
    ``needles`` at its start + offset), tried at the needles only (``low`` or ``needles`` None:
    searched)."""
    end = len(text) if end is None else min(end, len(text))
    if low is None or needles is None:
        return rx.search(text, 0, end)
    # the needles' places in order, the next place of a needle found when its last one was tried:
    # up to the first match, not all places first (a cue is mostly near the start of the text)
    nexts = [(i - off, i, needle, off) for needle, off in needles if (i := low.find(needle, off, end)) != -1]
    heapq.heapify(nexts)
    tried = -1
    while nexts:
        start, i, needle, off = nexts[0]
        if start != tried:
            if (m := rx.match(text, start, end)) is not None:
                return m
            tried = start
        i = low.find(needle, i + 1, end)
        if i == -1:
            heapq.heappop(nexts)
        else:
            heapq.heapreplace(nexts, (i - off, i, needle, off))
    return None


def needle_starts(low: str, needles: list[tuple[str, int]], end: int) -> list[int]:
    """Where a match can start: each needle's places in ``low[:end]`` less its offset, sorted."""
    starts = set()
    find = low.find
    for needle, off in needles:
        i = find(needle, 0, end)
        while i != -1:
            if i >= off:
                starts.add(i - off)
            i = find(needle, i + 1, end)
    return sorted(starts)


def search_start(text: str, low: str | None, words: tuple[str, ...], back: int = 0, end: int | None = None) -> int:
    """Where ``rx.search(text[:end], pos)`` can start, for a pattern each of whose matches is at most
    ``back`` characters, then whitespace (``\\s``), then one of ``words`` (ASCII, lowered), given
    ``low = lower_for_words(text)``: -1 when none of the words is there (no match), 0 when ``low``
    is None. A match cannot start before the whitespace run in front of the first word found, less
    ``back``: re then skips the head of the text up to there (it tries ``^``/``\\b`` patterns at
    every position)."""
    if low is None:
        return 0
    end = len(text) if end is None else end
    first = -1
    for w in words:
        i = low.find(w, 0, end)
        if i != -1 and (first == -1 or i < first):
            first = i
    if first == -1:
        return -1
    while first and text[first - 1].isspace():
        first -= 1
    return max(first - back, 0)


_SPECIAL = frozenset("\\()[]{}.?*+|^$")


def literal_starts(patterns: list[str]) -> list[tuple[str, int]] | None:
    """Needles for ``first_at`` and ``matches_at`` of the alternation of ``patterns`` (regexes of
    the vocabulary, matched ignoring case): the plain text each pattern starts with, lower-cased
    (its characters before the first special one; ASCII only). None when a pattern does not start
    with plain text (a group, a class, an escape) or holds ``|`` outside a group: then the
    pattern is searched along the text.

    >>> literal_starts(["geachte (?:heer|mevrouw)", "aan:? de heer", "^De heer [A-Z]", "aan de ouders"])
    [('geachte ', 0), ('aan', 0), ('de heer ', 0)]
    >>> literal_starts(["(?:geachte|beste) heer"]) is None, literal_starts(["heer|mevrouw"]) is None
    (True, True)
    """
    out = []
    for pattern in patterns:
        start = _literal_start(pattern)
        if not start:
            return None
        out.append((start, 0))
    return fewest_needles(out)


def fewest_needles(needles: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``needles`` (in their order) without repeats and without those that begin with another
    needle at the same offset: where one of those is, the other one is too.

    >>> fewest_needles([("aan de ouders", 0), ("aan", 0), ("aan", 0), ("ciz", 0), ("ciz-wijzer", 0)])
    [('aan', 0), ('ciz', 0)]
    """
    out = []
    for needle, off in dict.fromkeys(needles):
        if not any(other != needle and o == off and needle.startswith(other) for other, o in needles):
            out.append((needle, off))
    return out


def _literal_start(pattern: str) -> str:
    if _bar_outside_groups(pattern):
        return ""
    p = pattern.lstrip("^")
    n = 0
    while n < len(p) and p[n] not in _SPECIAL and p[n].isascii():
        n += 1
    if n < len(p) and p[n] in "?*{":  # the last character is optional ("aan:? de heer")
        n -= 1
    return p[:n].lower()


def _bar_outside_groups(pattern: str) -> bool:
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False
