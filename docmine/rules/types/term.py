"""``type: term``: a lexicon of outdated or wrong terms, matched the way Dutch is written.

    - id: awbz-vervallen
      type: term
      severity: error
      message: De AWBZ bestaat sinds 1 januari 2015 niet meer.
      terms: [AWBZ, Algemene Wet Bijzondere Ziektekosten]
      unless: [historisch, citaat]
      repealed: 2015-01-01

Finds inflections via the lemmatizer's forms (``indiceren`` finds geïndiceerd, indiceerde),
compounds (AWBZ-zorg, herindicatie, indicatiestelling), multi-word terms, OCR noise
(A.W.B.Z., cornpensatieplicht), and skips what ``unless`` names: ``historisch`` (a mention of
the past), ``citaat`` (a quotation), ``vermelding`` (the term named as a term: "de term indiceren", "X i.p.v. Y"
said of word use, "X (= ...)", a passage calling the text it describes outdated), or an
exception phrase (``Wlz-indicatie``). A term is
case-sensitive when written in capitals (an acronym). ``except_laws`` skips hits whose clause,
document or sentence is in that law's context, or whose passage is (the paragraph, the lead-in
of its list, or, outside clauses, the nearest heading naming a law). ``not_near`` (per term)
skips a hit when a regex occurs within 200 characters (``oude Wmo`` next to ``nieuwe Wmo``). A document dated before ``repealed`` gets one
``info`` finding saying it is stale instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field

from ...extract import nlp
from ...extract.laws import speaks_from
from ...model import Clause, Document, Finding
from ...vocabulary import Vocabulary, current
from ..base import Context, RuleType, make_finding
from ..loader import LAW_NAMES, str_or
from ..registry import register
from ..termpack import Pack, Scan, Term, alternatives, inflects, is_acronym, joined, prefixes_of, union

LawName = Literal[LAW_NAMES + ("Zvw",)]  # type: ignore[valid-type]


class TermSpec(BaseModel):
    """One term with its own options."""

    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    case: Literal["auto", "sensitive", "insensitive"] = "auto"
    compounds: bool | None = None
    except_laws: list[LawName] = Field(default_factory=list)  # type: ignore[valid-type]
    message: str | None = None
    suggestion: str | None = None
    not_followed_by: str | None = Field(default=None, description="regex: geen vondst als dit direct volgt, bijv. '\\s*2015'")
    not_near: str | None = Field(default=None, description="regex: geen vondst als dit binnen 200 tekens staat, bijv. 'nieuwe wmo'")


class TermParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[str_or(TermSpec)] = Field(min_length=1, description="termen; een term in hoofdletters is hoofdlettergevoelig")  # type: ignore[valid-type]
    compounds: bool = Field(default=True, description="ook in samenstellingen: AWBZ-zorg, herindicatie")
    except_laws: list[LawName] = Field(default_factory=list, description="niet in deze wetscontext, bijv. [Jeugdwet]")  # type: ignore[valid-type]
    repealed: date | None = None
    stale_message: str | None = None
    only_stale: bool = Field(default=False, description="alleen melden (als info) in documenten van vóór 'repealed'")


def _compile_term(spec: TermSpec, params: TermParams) -> Term:
    text = spec.term.strip()
    acronym = is_acronym(text)
    sensitive = spec.case == "sensitive" or (spec.case == "auto" and acronym)
    words = text.split()
    # each word of the term: its alternative forms, as regex token lists
    if acronym:
        first_forms = [(text, True)]
    elif len(words) == 1 or inflects(words[0]):
        first_forms = [(f, False) for f in nlp.word_forms(words[0])]
    else:
        first_forms = [(words[0], is_acronym(words[0]))]
    if acronym:
        parts = [[nlp.form_tokens(text, acronym=True)]]
    elif len(words) == 1:
        parts = [[nlp.form_tokens(f) for f in sorted(nlp.word_forms(text), key=len, reverse=True)]]
    else:  # multi-word: every content word may inflect; acronym words keep their dots tolerance
        parts = [[nlp.form_tokens(f) for f in sorted(nlp.word_forms(w), key=len, reverse=True)] if inflects(w)
                 else [nlp.form_tokens(w, acronym=is_acronym(w))] for w in words]
    if acronym:
        rx = joined(parts[0][0])
    elif len(words) == 1:
        rx = alternatives(parts[0])
    else:
        rx = nlp.WORD_SEP.join(alternatives(part) if inflects(w) else joined(part[0]) for w, part in zip(words, parts))
    compounds = params.compounds if spec.compounds is None else spec.compounds
    return Term(text, rx, acronym, sensitive, compounds, tuple(spec.except_laws) + tuple(params.except_laws),
                 spec.message, spec.suggestion, "".join(c for c in text if c.isalpha()),
                 re.compile(spec.not_followed_by, re.I) if spec.not_followed_by else None,
                 re.compile(spec.not_near, re.I) if spec.not_near else None,
                 tuple(sorted(prefixes_of(parts))),
                 union([nlp.first_chars(f, acronym=a) for f, a in first_forms]))



_PACKS: dict[str, Pack] = {}


_WORDCH = re.compile(r"[\w]")
FILTERS = ("historisch", "citaat", "vermelding")
NEAR = 200  # characters either side of a hit searched by ``not_near``


def _token_span(folded: str, s: int, e: int) -> tuple[int, int]:
    """Grow ``[s, e)`` to the whole word, including hyphenated compound parts."""
    n = len(folded)
    while s > 0 and (folded[s - 1].isalnum() or (folded[s - 1] == "-" and s > 1 and folded[s - 2].isalnum())):
        s -= 1
    while e < n and (folded[e].isalnum() or (folded[e] == "-" and e + 1 < n and folded[e + 1].isalnum())):
        e += 1
    return s, e


def _phrase_regex(phrase: str) -> re.Pattern:
    return re.compile(r"\w*" + _phrase_core(phrase) + r"\w*")


def _phrase_core(phrase: str) -> str:
    """The pattern of an exception phrase's words (``_phrase_regex`` grows it to whole words);
    a word with '*' in front stands for any compound ending in it ("*kosten")."""
    words = re.split(r"[\s\-]+", phrase.strip())
    parts = []
    for w in words:
        if w.startswith("*"):
            parts.append(r"\w*" + nlp.form_regex(w.lstrip("*")))
        elif is_acronym(w):
            parts.append(nlp.form_regex(w, acronym=True))
        else:
            forms = sorted(nlp.word_forms(w), key=len, reverse=True) if len(w) >= 4 else [w]
            parts.append("(?:" + "|".join(nlp.form_regex(f) for f in forms) + ")")
    return r"[\s\-]*".join(parts)


def _senses_regex(voc: Vocabulary, terms: list[Term]) -> re.Pattern | None:
    """The vocabulary's ``other_senses`` of ``terms`` (keyed by a term or its lemma) as one
    pattern of their words, each word also inflected or in a compound ("indicaties van de
    bouwkosten"); the caller grows a match to whole words. None: the terms have none."""
    table = voc.get("other_senses", default={}) or {}
    keys = _sense_keys(terms)
    phrases = {str(p) for k, ps in table.items() if str(k).lower() in keys or nlp.lemma(str(k)) in keys
               for p in (ps or [])}
    if not phrases:
        return None
    return re.compile("|".join(sorted((_sense_words(p) for p in phrases), key=lambda a: (-len(a), a))))


def _sense_keys(terms: list[Term]) -> set[str]:
    """What the vocabulary's tables of other senses are keyed by for ``terms``: a term or its lemma."""
    return {t.text.lower() for t in terms} | {nlp.lemma(t.text) for t in terms if not t.acronym}


def _sense_words(phrase: str) -> str:
    """``contra-indicatie`` -> ``contra\\w*[\\s\\-]+indicatie\\w*``; ``*kosten``: any compound ending in kosten."""
    parts = []
    for w in re.split(r"[\s\-]+", nlp.fold(phrase.strip())):
        parts.append((r"\w*" if w.startswith("*") else "") + re.escape(w.strip("*")) + r"\w*")
    return r"[\s\-]+".join(parts)


def _abbreviation_of_last(text: str, last_end: int | None, ts: int, te: int) -> bool:
    """Is ``[ts, te)`` the term's short form in brackets right after the previous finding:
    "Wet werk en bijstand (WWB)", "zorgzwaartepakket (ZZP)"? One finding for both."""
    return (last_end is not None and 0 <= ts - last_end <= 3 and text[last_end:ts].strip() == "("
            and text[te:te + 2].strip().startswith(")"))


def _ocr_read(span: str) -> str:
    """The letters of an acronym as found, with what a scan made of a letter read back
    (``ocr_acronym_confusions``: 'AWB2' -> 'AWBZ'; only in a span without dots or spaces)."""
    if not any(c.isdigit() for c in span) or any(not c.isalnum() for c in span):
        return "".join(c for c in span if c.isalpha())
    back = current().derived("ocr_back", _ocr_back)
    return "".join(back.get(c, c) for c in span)


def _ocr_back(voc: Vocabulary) -> dict[str, str]:
    """What a scan shows -> the capital letter it stands for (single characters only)."""
    out: dict[str, str] = {}
    for letter, alts in (voc.get("ocr_acronym_confusions", default={}) or {}).items():
        for a in alts or []:
            if len(str(a)) == 1 and not str(a).isalpha():
                out[str(a)] = str(letter).upper()
    return out


@lru_cache(maxsize=None)
def _term_regex(regex: str) -> re.Pattern:
    """One term's pattern on its own, compiled when first asked for (``_accepted``, rarely): the
    pack already compiles every term into its rule's alternation."""
    return re.compile(regex)


@dataclass
class _Hit:
    """A match of a term as the context checks see it: the term, the match ``[s, e)``, its whole
    word ``[ts, te)``, its clause and its sentence ``[ss, se)``."""

    term: Term
    s: int
    e: int
    ts: int
    te: int
    clause: Clause | None
    ss: int
    se: int


@register("term")
class TermRule(RuleType):
    """Outdated or wrong terminology (see module docstring for the YAML keys)."""

    Params = TermParams

    def __init__(self, rule) -> None:
        super().__init__(rule)
        p: TermParams = self.params  # type: ignore[assignment]
        specs = [TermSpec(term=t) if isinstance(t, str) else t for t in p.terms]
        self.terms = [_compile_term(s, p) for s in specs]
        self.sense_keys = _sense_keys(self.terms)  # what the vocabulary's tables of other senses name them by
        self.filters = {u for u in rule.unless if u in FILTERS}
        self.year = p.repealed.year if p.repealed else None  # years before it are 'then'
        self.exceptions = [_phrase_regex(u) for u in rule.unless if u not in FILTERS]
        # every match of an exception holds a match of its words: a sentence without any is
        # not scanned with the leading \w* (which tries every place; ~4% of the term rules)
        self.exception_words = re.compile("|".join(f"(?:{_phrase_core(u)})" for u in rule.unless
                                                         if u not in FILTERS)) if self.exceptions else None
        self.pack_key = rule.file or f"<{rule.id}>"
        self.pack = _PACKS.setdefault(self.pack_key, Pack())
        self.pack.add(rule.id, self.terms)

    def warm_up(self) -> None:
        """Compile the pack's shared prefilter now: in the parent process, before the workers
        fork (each worker compiled it on its first document: ~0.2 s per process)."""
        if self.pack.regex is None:
            self.pack._compile()

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        if not doc.text or self._other_field(doc):
            return []
        p: TermParams = self.params  # type: ignore[assignment]
        day = speaks_from(doc)  # its date, or its (or its law's) later entry into force
        if p.only_stale and not (p.repealed and day and day < p.repealed):
            return []
        repealed = p.repealed
        if (doc.metadata or {}).get("soort"):
            # legislation of the State speaks the words of its own time, and its transition and
            # amendment articles name the laws they replace: no error, at most one note that
            # the text is of before the term's time ended
            repealed = repealed or date(nlp.before_year(), 1, 1)
            if not (day and day < repealed):
                return []
        if self.rule.id not in self.pack.members or self.pack.members[self.rule.id] is not self.terms:
            self.pack.add(self.rule.id, self.terms)
        pack = self.pack
        scan = ctx.for_document(doc, ("term.scan", self.pack_key, pack.version), lambda: pack.scan(doc.text))
        out = self._findings(doc, ctx, scan)
        if out and repealed and day and day < repealed:
            ctx.unexamined.pop(self.rule.id, None)  # one finding for the whole document: nothing left out
            return [self._stale(doc, out, day, repealed)]
        return out

    def _other_field(self, doc: Document) -> bool:
        """Is the document about another field, where the rule's words are the right ones: under
        no law of the social domain, with a title the vocabulary's ``other_sense_titles`` name for
        one of its terms ("Lijst van instrumenten voor de indicatiestelling voor leerwegondersteunend
        onderwijs")?"""
        if doc.law is not None or not doc.title:
            return False
        keys, title = self.sense_keys, nlp.fold(doc.title)
        return any(rx.search(title) for k, rx in nlp.cue_table("other_sense_titles").items()
                   if k.lower() in keys or nlp.lemma(k) in keys)

    def _findings(self, doc: Document, ctx: Context, scan: Scan) -> list[Finding]:
        """A finding for each hit of the rule's terms that its context does not excuse."""
        out: list[Finding] = []
        last_end = -1
        for t_i, s, e in ctx.examine(self.rule.id, scan.hits[self.rule.id], out):  # past the cap: "en nog N" (engine)
            if s < last_end:
                continue
            hit = self._hit(doc, scan, t_i, s, e)
            if hit is None or self._excused(doc, scan, hit):
                continue
            if out and _abbreviation_of_last(doc.text, out[-1].end, hit.ts, hit.te):
                continue
            last_end = hit.te
            out.append(make_finding(self.rule, doc, hit.ts, hit.te, clause=hit.clause, message=hit.term.message,
                                    suggestion=hit.term.suggestion))
        return out

    def _hit(self, doc: Document, scan: Scan, t_i: int, s: int, e: int) -> _Hit | None:
        """The match ``[s, e)`` of term ``t_i`` as a hit (its term, whole word, clause and
        sentence), or None when no term of the rule accepts it there."""
        accepted = self._accepted(doc, scan.folded, t_i, s, e)
        if accepted is None:
            return None
        term, (ts, te), e = accepted
        if term.not_followed_by is not None and term.not_followed_by.match(doc.text, e):
            return None
        clause = scan.clause_at(doc, ts)
        ss, se = nlp.heading_line(doc.text, ts, clause.start if clause else None) or nlp.sentence_bounds(doc.text, ts, te)
        return _Hit(term, s, e, ts, te, clause, ss, se)

    def _excused(self, doc: Document, scan: Scan, hit: _Hit) -> bool:
        """Does the hit's context excuse it: an exception phrase, the law it is under, another
        sense of the word, a ``not_near`` pattern, or (``unless``) a quotation, the past, a
        mention of the word?"""
        return (self._excepted(doc, scan.folded, hit) or self._out_of_law(doc, scan.folded, hit)
                or self._filtered(doc, scan, hit))

    def _excepted(self, doc: Document, folded: str, hit: _Hit) -> bool:
        """Inside an exception phrase of ``unless``, a phrase of another sense, or near ``not_near``."""
        sfold = folded[hit.ss:hit.se]
        if self.exceptions and self.exception_words.search(sfold) is not None and any(  # type: ignore[union-attr]
                m.start() + hit.ss <= hit.s and hit.e <= m.end() + hit.ss for rx in self.exceptions for m in rx.finditer(sfold)):
            return True
        if self._other_sense(sfold, hit.ss, hit.s, hit.e):
            return True
        near = hit.term.not_near
        return near is not None and near.search(folded, max(0, hit.ts - NEAR), hit.te + NEAR) is not None

    def _out_of_law(self, doc: Document, folded: str, hit: _Hit) -> bool:
        """Under a law the term is excepted for (``except_laws``: the clause's or document's law,
        the law its sentence names, the words around it), or outside the rule's ``scope`` laws."""
        term, clause = hit.term, hit.clause
        law = (clause.law if clause and clause.law else None) or doc.law
        if law and law in term.except_laws:
            return True
        scope_laws = (self.rule.scope or {}).get("laws")
        if scope_laws and law and law not in scope_laws:
            return True
        if not term.except_laws:
            return False
        sfold = folded[hit.ss:hit.se]
        # the words around the term, not the term itself ("CIZ-indicatie")
        near = folded[max(hit.ss, hit.ts - 30):hit.ts] + " " + folded[hit.te:min(hit.se, hit.te + 30)]
        return any(nlp.mentions_law(sfold, law_, near) for law_ in term.except_laws)

    def _filtered(self, doc: Document, scan: Scan, hit: _Hit) -> bool:
        """What ``unless`` names: a quotation, the past, a mention of the word; and for a term with
        ``except_laws`` a passage (list or section) under such a law."""
        text, filters, ts, te = doc.text, self.filters, hit.ts, hit.te
        if "citaat" in filters and nlp.in_quotation(text, ts, te, scan.folded):
            return True
        if "historisch" in filters and self._historical(doc, scan, hit.clause, ts, te, hit.ss, hit.se):
            return True
        if "vermelding" in filters and nlp.is_mention(text, ts, te, scan.folded, (hit.ss, hit.se), scan.lines):
            return True
        # the passage's law: a Jeugdwet list or section inside a Wmo document; headings only
        # where the extractor found no clause (a clause already carries its own law)
        excepted = hit.term.except_laws
        return bool(excepted) and bool(set(excepted) & nlp.passage_laws(text, ts, te, headings=hit.clause is None,
                                                                         lines=scan.lines))

    def _stale(self, doc: Document, out: list[Finding], day: date, repealed: date) -> Finding:
        """One note for a document of before the term's time ended, in place of its findings."""
        p: TermParams = self.params  # type: ignore[assignment]
        first, n = out[0], len(out)
        msg = p.stale_message or (
            f"Dit document is van {(doc.date or day).strftime('%d-%m-%Y')}, van vóór {repealed.strftime('%d-%m-%Y')}: "
            f"toen was '{first.excerpt}' nog juist. Het document is verouderd"
            f"{f' ({n} vermeldingen)' if n > 1 else ''}; controleer of het nog geldt.")
        return make_finding(self.rule, doc, first.start or 0, first.end or 0, message=msg, severity="info",
                            suggestion=self.rule.suggestion)

    def _historical(self, doc: Document, scan: Scan, clause, ts: int, te: int, ss: int, se: int) -> bool:
        """The sentence speaks of the past, or the term stands where the past is meant (under a
        transition heading, in brackets that say so, as an old term being defined)."""
        if nlp.is_historical(doc.text[ss:se], ts - ss, te - ss, scan.folded[ss:se], self.year):
            return True
        if scan.under_transition(doc, clause):
            return True
        return nlp.historical_passage(doc.text, scan.folded, ts, te, (), self.year, scan.transition_in_text, scan.lines)

    def _other_sense(self, sfold: str, ss: int, s: int, e: int) -> bool:
        """Is the hit ``[s, e)`` inside a phrase where its word means something else
        (the vocabulary's ``other_senses``: "contra-indicatie", "een indicatie van de kosten")?"""
        rx = current().derived("other_senses:" + self.rule.id, lambda v: _senses_regex(v, self.terms))
        if rx is None:
            return False
        for m in rx.finditer(sfold):
            ms, me = _token_span(sfold, m.start(), m.end())  # the phrase's whole words
            if ms + ss <= s and e <= me + ss:
                return True
        return False

    def _accepted(self, doc: Document, folded: str, t_i: int, s: int, e: int) -> tuple[Term, tuple[int, int], int] | None:
        """(term, whole word, match end) of a hit: its own term's, or when that term refuses it
        (the acronym WWB refuses "Wwb") the first other term of the rule that matches there and
        accepts it (a term "Wwb" of the same rule). The rule's regex names only the first
        alternative that matched."""
        span = self._accept(doc, folded, self.terms[t_i], s, e)
        if span is not None:
            return self.terms[t_i], span, e
        for j, term in enumerate(self.terms):
            m = _term_regex(term.regex).match(folded, s) if j != t_i else None
            if m is not None and m.end() > s:
                span = self._accept(doc, folded, term, s, m.end())
                if span is not None:
                    return term, span, m.end()
        return None

    def _accept(self, doc: Document, folded: str, term: Term, s: int, e: int) -> tuple[int, int] | None:
        """Word boundaries, compounds and case for one prefilter hit: its whole word
        (``_token_span``) when accepted, else None. The case first: it rejects most hits of a
        capitalised term (the word 'wij' for WIJ) without growing them to the word."""
        if term.sensitive:
            got = _ocr_read(doc.text[s:e])
            if got != term.letters:
                return None
            if nlp.is_stop_word(term.letters) and nlp.is_caps_line(doc.text, s):
                return None
        ts, te = _token_span(folded, s, e)
        prefix, suffix = folded[ts:s], folded[e:te]
        if term.acronym:
            if prefix and not prefix.endswith("-"):
                return None
            if suffix and not suffix.startswith("-"):
                return None
            if (prefix or suffix) and not term.compounds:
                return None
        elif prefix or suffix:
            if not term.compounds:
                return None
            core = suffix.lstrip("-")
            if suffix and len(core) < 3:
                return None
            if prefix and len(prefix.rstrip("-")) < 2:
                return None
        return ts, te
