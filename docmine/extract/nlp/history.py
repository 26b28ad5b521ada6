"""Does a term stand where the past is meant: a sentence that speaks of the past, a transition
heading above it, brackets or a definition that say so."""

from __future__ import annotations

import re
from typing import Iterable

from ...vocabulary import Vocabulary, current, words
from .passages import TextLines, _bracket, definition_of, headings_above, own_heading_line
from .patterns import _NEVER, cue_regex, fold


PAST_WINDOW = 100  # characters either side of a term in which ``history_past_cues`` count
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DAY_MONTH = r"(?:\d{1,2}[ -]\w+[ -])?"


def before_year(voc: Vocabulary | None = None) -> int:
    """The vocabulary's ``history_before_year`` (a year before it is 'then')."""
    value = (voc or current()).get("history_before_year", default=2015)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 2015


def _year_regex(key: str) -> re.Pattern:
    """``key``'s words followed by an optional day and month and a year: the year is group 1."""
    def build(v: Vocabulary) -> re.Pattern:
        ws = sorted({fold(w) for w in words(key, v)}, key=len, reverse=True)
        if not ws:
            return _NEVER
        return re.compile(r"(?<![\w\-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ws)
                          + r")\s+" + _DAY_MONTH + r"(1[89]\d\d|20\d\d)(?!\d)")
    return current().derived("years:" + key, build)


def speaks_of_past(low: str, year: int | None = None) -> bool:
    """Does the folded passage ``low`` speak of the past, in a way that does not depend on where
    the term is: a ``history_cues`` phrase ("ten tijde van", "is opgegaan in", "voorheen"), a year
    before ``year`` after a ``history_year_words`` word ("in 2013", "vóór 2015"; up to and
    including ``year`` after ``history_until_words``: "tot 2015"), or a year before ``year``
    together with a past tense (``past_tense_words``: "die op 31 december 2014 ... had")?

    >>> speaks_of_past("de wwb is opgegaan in de participatiewet"), speaks_of_past("de wwb geldt")
    (True, False)
    """
    voc = current()
    year = before_year(voc) if year is None else year
    memo = voc.derived("past-passages", lambda v: {})
    key = (low, year)
    got = memo.get(key)
    if got is None:
        if len(memo) > 20000:
            memo.clear()
        got = memo[key] = _speaks_of_past(low, year)
    return got


def _speaks_of_past(low: str, year: int) -> bool:
    if cue_regex("history_cues").search(low):
        return True
    if any(int(m.group(1)) < year for m in _year_regex("history_year_words").finditer(low)):
        return True
    if any(int(m.group(1)) <= year for m in _year_regex("history_until_words").finditer(low)):
        return True
    return (any(int(m.group(1)) < year for m in _YEAR.finditer(low))
            and cue_regex("past_tense_words").search(low) is not None)


def is_historical(sentence: str, start: int | None = None, end: int | None = None, low: str | None = None,
                  year: int | None = None) -> bool:
    """Does the sentence speak of the past ("ten tijde van de AWBZ", "vóór 2015 viel dit onder
    de AWBZ", "de AWBZ is in 2015 opgegaan in de Wlz", "... dan in de AWBZ golden")?

    ``start``/``end``: the term inside ``sentence``; ``history_past_cues`` count only within
    ``PAST_WINDOW`` characters of it and not inside it (``De consulent indiceerde`` is no cue).
    ``low``: the sentence folded, when the caller has it (a slice of the folded text). ``year``:
    years before it are 'then' (the term's repeal; default ``history_before_year``).

    >>> is_historical("Waar dat in de AWBZ was geregeld, is dat nu anders.")
    True
    >>> is_historical("Voor verzorging is de AWBZ voorliggend.")
    False
    """
    if low is None:
        low = fold(sentence)
    if start is not None and end is not None:  # the term's own words are no cue ("Wmo 2007", "Wet werk")
        low = low[:start] + " " * (end - start) + low[end:]
    if speaks_of_past(low, year):
        return True
    past = cue_regex("history_past_cues")
    if start is None or end is None:
        return past.search(low) is not None
    lo = max(0, start - PAST_WINDOW)
    for m in past.finditer(low, lo, end + PAST_WINDOW):
        if not (start <= m.start() and m.end() <= end):  # not the term's own past tense
            return True
    return False


def under_transition_heading(titles: Iterable[str]) -> bool:
    """Does one of ``titles`` (the article, section and chapter headings over a term) name a
    transition (``transition_headings``: Overgangsrecht, Overgangsbepalingen)?"""
    rx = cue_regex("transition_headings")
    return any(rx.search(fold(t)) for t in titles if t)


def transition_in(folded: str) -> bool:
    """Can a line of the (folded) text name a transition (``transition_headings``)? False when the
    text lacks the literal beginning of every such cue: then no heading of it is one."""
    return cue_regex("transition_headings").may_occur_in(folded)


def historical_passage(text: str, folded: str, start: int, end: int, titles: Iterable[str] = (),
                       year: int | None = None, transition_in_text: bool = True,
                       lines: TextLines | None = None) -> bool:
    """Beyond the sentence: is the term at ``[start, end)`` historical by where it stands? Under a
    transition heading (``titles``: the clause's headings; the headings above it in the text;
    or its own line, a heading or a line of contents), inside brackets that speak of the
    past ("(tot 2015: Wet werk en bijstand)"), or as the headword of a definition that calls
    it old ("Huishoudelijke verzorging: vroegere naam van ..."). ``transition_in_text`` False:
    the caller knows that no line of ``text`` names a transition (``transition_in``). ``lines``:
    the text's ``TextLines``, when the caller has them."""
    if under_transition_heading(titles):
        return True
    if transition_in_text:
        own = own_heading_line(text, start)
        if own and under_transition_heading([own]):
            return True
        if under_transition_heading(headings_above(text, start, lines=lines)):
            return True
    br = _bracket(text, start, end)
    if br and speaks_of_past(folded[br[0]:br[1]], year):
        return True
    definition = definition_of(text, start, end)
    if definition:
        low = fold(definition)
        if speaks_of_past(low, year) or cue_regex("old_words").search(low) or cue_regex("no_longer_cues").search(low):
            return True
    return False
