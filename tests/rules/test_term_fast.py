"""The term rules' shortcuts find exactly what the plain forms find: the pack's prefilter
(branch per first character) and the context helpers rewritten without slices or loops."""

import random
import re

from docmine.extract import nlp
from docmine.extract.nlp import mentions, passages
from docmine.model import Clause, Document
from docmine.rules.loader import load_rules
from docmine.rules.termpack import Scan
from docmine.rules.engine import compile_rules
from docmine.rules.types import term as T


def _random_texts(words, n=2000, seed=8):
    rnd = random.Random(seed)
    pieces = words + [" ", "  ", "\n", "\n\n", "-", "x", ".", ": ", '"', "“", "”", "„", "‘", "’", "«", "»", ">",
                      "- ", "1. ", "Luidt: ", "citaat ", "De ", "A", "é", "2015", "Jeugdwet", "Wlz"]
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40)))


def _term_words():
    return ["AWBZ", "A.W.B.Z.", "awbz", "indicatie", "geïndiceerd", "1ndicatie", "huishoudelijke", "hulp",
            "verzorging", "Wmo", "wmo 2007", "Wet", "op de jeugdzorg", "WIJ", "wij", "WWB", "Bopz", "CIZ",
            "cornpensatie", "plicht", "gebruikelijke", "zorg", "oude", "individuele", "voorziening", "bureau"]


def test_prefilter_places_are_the_zero_width_ones():
    rules = [rt for rt in compile_rules(load_rules([], default=True)) if rt.rule.type == "term"]
    pack = rules[0].pack
    fast = pack.regex or pack._compile()
    alts = sorted({p for terms in pack.members.values() for t in terms for p in t.prefixes})
    plain = re.compile("(?=(?:" + "|".join(alts) + "))")
    assert fast.pattern != plain.pattern
    for text in _random_texts(_term_words()):
        folded = nlp.fold(text)
        assert [m.start() for m in fast.finditer(folded)] == [m.start() for m in plain.finditer(folded)], text


def _in_quotation_plain(text, start, end):
    p_start = text.rfind("\n\n", 0, start)
    p_start = 0 if p_start < 0 else p_start + 2
    p_end = text.find("\n\n", end)
    p_end = len(text) if p_end < 0 else p_end
    before, after = text[p_start:start], text[end:p_end]
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].lstrip().startswith(">"):
        return True
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    for o, c in mentions._QUOTE_PAIRS:
        i = before.rfind(o)
        if i >= 0 and before.rfind(c) < i and c in after:
            return True
    i = before.rfind("‘")
    if i >= 0 and before.rfind("’") < i:
        j = after.find("’")
        if j >= 0 and (start - (p_start + i)) + j >= 30:
            return True
    return bool(re.search(r"\bluidt(?: als volgt)?:|\bcitaat\b|\bluidde\b", nlp.fold(before[-300:])))


_SENT_END_PLAIN = re.compile(r"[.!?](?=\s+[A-Z0-9\"“‘(\u00C0-\u00DD]|\s*\n)|:(?=\s)|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s)")


def _sentence_bounds_plain(text, start, end, limit=400):
    lo = max(0, start - limit)
    s = lo
    for m in _SENT_END_PLAIN.finditer(text, lo, start):
        s = m.end()
    e_m = _SENT_END_PLAIN.search(text, end, min(len(text), end + limit))
    e = e_m.end() if e_m else min(len(text), end + limit)
    while s < start and text[s].isspace():
        s += 1
    return s, e


def test_context_helpers_same_answers():
    rnd = random.Random(3)
    n_quoted = 0
    for text in _random_texts(_term_words() + ["Dit is een zin. ", "Het luidt: ", "- item\n"], n=1500):
        for _ in range(5):
            s = rnd.randrange(len(text))
            e = min(len(text), s + rnd.randint(1, 8))
            got = nlp.in_quotation(text, s, e)
            assert got == _in_quotation_plain(text, s, e) == nlp.in_quotation(text, s, e, nlp.fold(text)), (text, s, e)
            n_quoted += got
            assert nlp.sentence_bounds(text, s, e) == _sentence_bounds_plain(text, s, e), (text, s, e)
            assert nlp.sentence_bounds(text, s, e, 20) == _sentence_bounds_plain(text, s, e, 20), (text, s, e)
            assert nlp.lead_in(text, s) == passages._lead_in_line(text, text.rfind("\n", 0, s) + 1, 40), (text, s)
            ss, se = nlp.sentence_bounds(text, s, e)
            low = nlp.fold(text)[ss:se]
            assert nlp.is_historical(text[ss:se], s - ss, e - ss, low) == nlp.is_historical(text[ss:se], s - ss, e - ss)
    assert n_quoted > 100


def test_sentence_ends_same_as_plain_pattern():
    for text in _random_texts(_term_words() + ["Dit is een zin. ", "Zin! ", "Vraag? ", "a) ", "12. ", "•", "\n  \n"], n=3000):
        assert [m.span() for m in passages._SENT_END.finditer(text)] == [m.span() for m in _SENT_END_PLAIN.finditer(text)], text


def test_lead_in_per_text_lines():
    a = "Voor de Jeugdwet geldt:\n\n- hulpvraag\n- individuele voorziening"
    b = "Voor de Wmo geldt:\n\n- hulpvraag\n- individuele voorziening"
    la, lb = nlp.TextLines(a), nlp.TextLines(b)
    assert nlp.lead_in(a, 40, lines=la) == "Voor de Jeugdwet geldt:"
    assert nlp.lead_in(b, 40, lines=lb) == "Voor de Wmo geldt:"
    assert nlp.lead_in(a, 40, lines=la) == "Voor de Jeugdwet geldt:"
    assert nlp.lead_in("Voor de Wmo geldt:\nDe hulpvraag staat centraal.", 30) is None


def _lines_above_plain(text, start, reach):
    """The lines from the first whole line within ``reach`` characters back to the line of
    ``start`` (the walk the headings were found with before ``TextLines``)."""
    lo = max(0, start - reach)
    lo = text.find("\n", lo) + 1 if lo > 0 else 0
    le = text.find("\n", start)
    return text[lo:len(text) if le < 0 else le].split("\n")


def _headings_above_plain(text, start, reach):
    lines = _lines_above_plain(text, start, reach)
    out, number = [], None
    for i in range(len(lines) - 2, -1, -1):
        h = passages._heading_at(lines, i)
        if not h:
            continue
        m = passages._HEADING_NUMBER.match(h)
        got = m.group(1) if m else None
        if out and not (got and number and number.startswith(got + ".")):
            continue
        out.append(h)
        t = passages._HEADING_NUMBER.match(lines[i].strip() + " ")
        if t and not lines[i].strip()[t.end():].strip():
            title = next((x.strip().lstrip("#").strip() for x in lines[i + 1:i + 4] if x.strip().lstrip("#").strip()), None)
            if title and len(title) <= 95 and title[-1] not in ".,;":
                out.append(title)
        number = got
        if number is None or "." not in number:
            break
    return out


def _passage_laws_plain(text, start, reach):
    lead = passages._lead_in_line(text, text.rfind("\n", 0, start) + 1, 40)
    if lead and mentions.laws_named(nlp.fold(lead)):
        return mentions.laws_named(nlp.fold(lead))
    lines = _lines_above_plain(text, start, reach)
    for i in range(len(lines) - 2, -1, -1):
        h = passages._heading_at(lines, i)
        if h and (mentions.laws_named(nlp.fold(h)) or h.endswith("?")):
            return mentions.laws_named(nlp.fold(h))
    return set()


def test_headings_from_text_lines_same_as_walking_the_lines_above():
    pieces = ["7 Overgang", "7.1 Cliënten met een indicatie", "Hoofdstuk 8", "Invoeringsbepalingen", "Jeugdhulp",
              "Wat is de Wmo?", "De hulpvraag staat centraal.", "bewoners die al zorg krijgen,", "Overgangsrecht",
              "- huishoudelijke hulp", "Voor de Jeugdwet geldt:", "## Wlz", "3. Begeleiding", "x" * 120]
    rnd = random.Random(3)
    n_found = 0
    for _ in range(400):
        text = "".join(rnd.choice(pieces) + rnd.choice(["\n", "\n\n", " "]) for _ in range(rnd.randint(1, 30)))
        lines = nlp.TextLines(text)
        for _ in range(8):
            s = rnd.randrange(len(text))
            reach = rnd.choice([8000, 60, 200])
            got = nlp.headings_above(text, s, reach, lines=lines)
            assert got == _headings_above_plain(text, s, reach) == nlp.headings_above(text, s, reach), (text, s, reach)
            assert nlp.passage_laws(text, s, s, reach=reach, lines=lines) == _passage_laws_plain(text, s, reach), (text, s)
            n_found += bool(got)
    assert n_found > 500


def test_one_context_for_several_documents_gives_each_its_own_findings():
    """The term pack's matches are made once per document and kept in the context: a rule run on
    the next document with the same context finds that document's terms, not the last one's."""
    from docmine.model import Document
    from docmine.rules.base import Context

    rules = [rt for rt in compile_rules(load_rules([], default=True)) if rt.rule.type == "term"]
    old = Document(path="a.txt", format="txt", text="De begeleiding wordt betaald uit de AWBZ.")
    new = Document(path="b.txt", format="txt", text="De begeleiding valt onder de Wmo 2015.")
    ctx = Context()

    def found(doc):
        return sorted(f.rule for rt in rules for f in rt.check_document(doc, ctx))
    first = found(old)
    assert "awbz-vervallen" in first
    assert found(new) == []
    assert found(old) == first


def test_exception_words_held_by_every_exception_match():
    rules = [rt for rt in compile_rules(load_rules([], default=True)) if rt.rule.type == "term" and rt.exceptions]
    assert rules
    words = _term_words() + ["Wlz-indicatie", "contra", "CIZ indicatie", "indicatiewijzer", "wlz", "ciz-", "wijzer"]
    held = 0
    for text in _random_texts(words, n=1500):
        folded = nlp.fold(text)
        for rt in rules:
            if rt.exception_words.search(folded) is None:
                assert not any(rx.search(folded) for rx in rt.exceptions), text
            else:
                held += any(rx.search(folded) for rx in rt.exceptions)
    assert held > 50


def test_clause_of_a_hit_by_stretch_same_as_looking_through_all_clauses():
    rnd = random.Random(5)
    text = "Artikel 1 Begrippen. " * 20
    for _ in range(200):
        clauses = []
        for k in range(rnd.randint(0, 8)):
            s = rnd.randrange(len(text))
            e = min(len(text), s + rnd.choice([0, 5, 40, 200]))
            clauses.append(Clause(id=f"c{k}", kind=rnd.choice(["artikel", "lid"]), text=text[s:e], start=s, end=e))
        doc = Document(path="x.txt", format="txt", text=text, clauses=clauses)
        scan = Scan(text, nlp.fold(text), {})
        for pos in sorted(rnd.randrange(len(text) + 1) for _ in range(30)):
            assert scan.clause_at(doc, pos) is doc.clause_at(pos), (pos, clauses)
