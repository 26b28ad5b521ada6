"""Dutch language support for term matching, tolerant of inflection, compounds and OCR noise.

    >>> lemma("geïndiceerd")
    'indiceren'
    >>> "indicaties" in word_forms("indicatie")
    True

Matching works in two steps so a long document costs one regex pass:

1. a prefilter: one compiled regex of every term's surface forms (all forms the lookup
   lemmatizer maps to the term's lemma, plus plural endings), each form written OCR-tolerant
   (``m``/``rn``, ``l``/``1``, an optional space inside long words, dots in acronyms), run over
   the case- and accent-folded text (same length as the text, so offsets carry over);
2. only for the hits: the context filters (historical mention, quotation, mention of the word)
   look at the sentence and paragraph around it; lemmas come from the same lookup table as
   spaCy's lookup lemmatizer, without loading spaCy (``lemma_forms``; spaCy itself is loaded
   only for token patterns of ``pattern`` rules).

The modules, by theme: ``lemmas`` (lemmas, word forms, stop words), ``patterns`` (folding, the
vocabulary's cue phrases as patterns, OCR-tolerant forms), ``passages`` (sentence, paragraph,
list lead-in, headings), ``history`` (does a term stand where the past is meant), ``mentions``
(a term named rather than used, quotations, the laws a passage names).
"""

from .history import (PAST_WINDOW, before_year, historical_passage, is_historical, speaks_of_past, transition_in,
                      under_transition_heading)
from .lemmas import get_nlp, is_stop_word, keep_word_forms_in, lemma, lemma_forms, lookup_table, stop_words, word_forms
from .mentions import CRITIQUE_WINDOW, QUOTE_REACH, in_quotation, is_mention, laws_named, mentions_law, passage_laws
from .passages import (HEADING_LINE, TextLines, definition_of, heading_line, headings_above, is_caps_line, lead_in, own_heading_line,
                       paragraph_bounds, sentence_bounds)
from .patterns import (GAP, GAP_WORDS, WORD_SEP, WordPattern, cue_alternatives, cue_forms, cue_pattern, cue_regex, cue_table,
                       first_chars, fold, form_regex, form_tokens, prefix_regex)

__all__ = [
    "PAST_WINDOW", "before_year", "historical_passage", "is_historical", "speaks_of_past", "transition_in",
    "under_transition_heading",
    "get_nlp", "is_stop_word", "keep_word_forms_in", "lemma", "lemma_forms", "lookup_table", "stop_words", "word_forms",
    "CRITIQUE_WINDOW", "QUOTE_REACH", "in_quotation", "is_mention", "laws_named", "mentions_law", "passage_laws",
    "HEADING_LINE", "TextLines", "definition_of", "heading_line", "headings_above", "is_caps_line", "lead_in", "own_heading_line",
    "paragraph_bounds", "sentence_bounds",
    "GAP", "GAP_WORDS", "WORD_SEP", "WordPattern", "cue_alternatives", "cue_forms", "cue_pattern", "cue_regex", "cue_table",
    "first_chars", "fold", "form_regex", "form_tokens", "prefix_regex",
]
