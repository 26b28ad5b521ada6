"""Is a term named rather than used (a mention, a quotation), and which laws does the text
around it name."""

from __future__ import annotations

import re

from ...vocabulary import Vocabulary, current, words
from .lemmas import word_forms
from .passages import TextLines, lead_in, paragraph_bounds, sentence_bounds
from .patterns import alternation, cue_forms, cue_regex, cue_table, fold


# -- a mention of a term (named as a word), not a use -----------------------------------------

_Q_OPEN, _Q_CLOSE = "'\"‘“„«`", "'\"’”»´"
_QUOTE_CHARS = "[\"'‘“„]"


def _alt(key: str, v: Vocabulary, forms=None) -> str:
    """The vocabulary's words under ``key`` as one alternation (``forms``: each word's forms), for
    the patterns below (each asked yes or no: ``alternation``)."""
    got: set[str] = set()
    for w in words(key, v):
        got.update(forms(w) if forms else {fold(w)})
    return alternation(r"\s+".join(map(re.escape, f.split())) for f in got if f)


def _naming(v: Vocabulary) -> str:
    # "Determ indiceren": OCR may glue the article to the word
    return r"(?<![\w\-])(?:de|het)? ?(?:" + _alt("naming_words", v, word_forms) + r")(?![\w\-])"


def _mention_before(v: Vocabulary) -> re.Pattern:
    """What, right before a term, makes it a mention: "de term", "begrippen als", "er wordt
    gesproken over", "in de nota wordt genoemd dat ..."."""
    fillers = r"(?:(?:" + _alt("naming_fillers", v) + r")\s*[(:]?\s*){0,2}"
    speaking = rf"(?<![\w\-])(?:{_alt('speaking_verbs', v)})\s+(?:(?:{_alt('speaking_fillers', v)})\s+){{0,3}}"
    return re.compile(
        _naming(v) + r"\s*[(:]?\s*" + fillers + _QUOTE_CHARS + r"?\s*(?:de |het |een )?$"
        + "|" + speaking + r"(?:over|van)\s+(?:de |het |een )?" + _QUOTE_CHARS + "?$"
        + r"|\b(?:wordt|worden|werd|werden)\s+(?:[\w\-.]+\s+){0,4}?(?:" + _alt("reporting_verbs", v) + r")\s+dat\b")


def _mention_after(v: Vocabulary) -> re.Pattern:
    """What, right after a term in brackets, makes it a mention: "(= ...)", "(oude term)"."""
    return re.compile(r"^[\"'’”]?\s*\(\s*(?:" + cue_regex("naming_after", v).pattern + ")")


def _substitute(v: Vocabulary) -> re.Pattern:
    """'i.p.v.' right after or before the term (a remark on word use with ``usage_words``)."""
    sub = "(?:" + _alt("substitution_cues", v) + ")"
    return re.compile(r"^[\"'’”]?\s*(?:\(\s*)?(?:[\w\-]+\s+){0,3}?" + sub + r"\s|" + sub
                      + r"\s+(?:de |het |een )?[\"'‘“]?$")


def _usage_words(v: Vocabulary) -> re.Pattern:
    return re.compile(_naming(v) + r"|(?<![\w\-])(?:" + _alt("usage_words", v) + r")(?![\w\-])")


def _old_words(v: Vocabulary) -> re.Pattern:
    """An old word before a naming word: "oude terminologie", "verouderde begrippen"."""
    return re.compile(r"(?<![\w\-])(?:" + _alt("old_words", v, cue_forms) + r")\s+(?:"
                      + _alt("naming_words", v, word_forms) + r"|tekst|teksten)(?![\w\-])")


CRITIQUE_WINDOW = 250


def is_mention(text: str, start: int, end: int, folded: str | None = None,
               bounds: tuple[int, int] | None = None, lines: TextLines | None = None) -> bool:
    """Is the term at ``[start, end)`` named as a term rather than used: "de term indiceren",
    "termen als AWBZ", "gebruikelijke zorg i.p.v. gebruikelijke hulp" (said of word use),
    "compensatieplicht (= uit oude Wmo)", "‘indicatie’" in quotes, "er wordt gesproken over de
    compensatieplicht", "hierbij wordt genoemd dat ... AWBZ ...", "oude terminologie", or a
    passage that calls the text it describes outdated ("Dit is niet meer relevant.",
    "deze is verouderd!") in the sentences around it or in the lead-in of its list?

    >>> is_mention("De term indiceren wordt nog gebruikt.", 8, 17)
    True
    >>> is_mention("De consulent indiceert drie uur.", 13, 22)
    False
    """
    low = folded if folded is not None else fold(text)
    ss, se = bounds if bounds is not None else sentence_bounds(text, start, end)  # bounds: the caller's sentence_bounds
    before = low[max(ss, start - 80):start]
    after = low[end:min(se, end + 80)]
    voc = current()
    if voc.derived("mention_before", _mention_before).search(before) or voc.derived("mention_after", _mention_after).search(after):
        return True
    # quotes right around the term: 'indicatie', “AWBZ”
    i, j = start - 1, end
    if i >= 0 and j < len(text) and text[i] in _Q_OPEN and text[j] in _Q_CLOSE:
        return True
    sent = low[ss:se]
    if voc.derived("old_words", _old_words).search(sent):
        return True
    substitute = voc.derived("substitute", _substitute)
    if (substitute.search(after) or substitute.search(before)) and voc.derived("usage_words", _usage_words).search(sent):
        return True
    # the passage around it judges the described text: "Dit is niet meer relevant."
    ps, pe = paragraph_bounds(text, start, end)
    critique = cue_regex("no_longer_cues", voc)
    if critique.search(low[max(ps, ss - CRITIQUE_WINDOW):min(pe, se + CRITIQUE_WINDOW)]):
        return True
    lead = lead_in(text, start, lines=lines)
    return lead is not None and critique.search(fold(lead)) is not None


def laws_named(folded: str) -> set[str]:
    """The laws whose context words (the vocabulary's ``law_context``) occur in a folded text."""
    return {law for law, rx in cue_table("law_context").items() if rx.search(folded)}


def passage_laws(text: str, start: int, end: int, *, headings: bool = True, reach: int = 8000,
                 lines: TextLines | None = None) -> set[str]:
    """The law context of the passage around ``[start, end)``: the laws named by (1) the lead-in
    of its list, else (2) the nearest heading above it (within ``reach`` characters) that names a
    law. Empty when none names one. (The paragraph is not used: an evaluation's paragraph may
    touch 'jeugdigen' in one sentence and the Wmo in the next; the sentence is checked apart.)
    ``lines``: the text's ``TextLines``, when the caller has them.

    >>> sorted(passage_laws("Jeugdhulp\\n\\nDe noodzaak van de individuele voorziening is duidelijk.", 30, 53))
    ['Jeugdwet']
    """
    lines = lines or TextLines(text)
    lead = lead_in(text, start, lines=lines)
    if lead:
        found = laws_named(fold(lead))
        if found:
            return found
    if not headings:
        return set()
    for _, h in lines.headings_up(start, reach):  # the own line decides whether the one above is wrapped
        found = laws_named(fold(h))
        if found or h.endswith("?"):
            return found  # a question (an FAQ's heading) is a section of its own: no law above it counts
    return set()


_QUOTE_PAIRS = (("“", "”"), ("„", "”"), ("«", "»"), ("„", "“"))
QUOTE_REACH = 5000  # characters either side of a hit in which its quotation is looked for


def in_quotation(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """Is ``[start, end)`` inside a quotation: double quotes, a long single-quoted passage,
    a '>' quoted line, or after 'luidt:' / 'citaat' in the same paragraph. ``folded``: the
    whole text folded, when the caller has it (its slice answers as folding the slice: only a
    final sigma can fold otherwise, and σ/ς are both word characters to the pattern)."""
    # the paragraph, at most QUOTE_REACH characters either side: the work per hit is bounded
    # (a text of 10 MB without blank lines and 2 million hits searched its whole length per hit)
    lo = max(0, start - QUOTE_REACH)
    p_start = text.rfind("\n\n", lo, start)
    p_start = lo if p_start < 0 else p_start + 2
    hi = min(len(text), end + QUOTE_REACH)
    p_end = text.find("\n\n", end, hi)
    p_end = hi if p_end < 0 else p_end
    # the paragraph before and after the term searched in place (slices of it copied up to the
    # whole rest of a text without blank lines: ~40% of the call)
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].lstrip().startswith(">"):
        return True
    if text.count('"', p_start, start) % 2 == 1 and text.find('"', end, p_end) >= 0:
        return True
    for o, c in _QUOTE_PAIRS:
        i = text.rfind(o, p_start, start)
        if i >= 0 and text.rfind(c, p_start, start) < i and text.find(c, end, p_end) >= 0:
            return True
    i = text.rfind("‘", p_start, start)
    if i >= 0 and text.rfind("’", p_start, start) < i:
        j = text.find("’", end, p_end)
        if j >= 0 and (start - i) + (j - end) >= 30:  # a passage, not a word in emphasis quotes
            return True
    a = max(p_start, start - 300)
    low = folded[a:start] if folded is not None else fold(text[a:start])
    return cue_regex("quotation_cues").search(low) is not None


def mentions_law(sentence_folded: str, law: str, near: str = "") -> bool:
    """Does the (folded) sentence name ``law``, or does ``near`` (the few words around the
    term) name its institution (the CIZ for the Wlz)?"""
    near_rx = cue_table("law_near").get(law)
    if near and near_rx is not None and near_rx.search(near):
        return True
    rx = cue_table("law_context").get(law)
    if rx is None:
        return re.search(r"\b" + re.escape(fold(law)) + r"\b", sentence_folded) is not None
    return rx.search(sentence_folded) is not None
