"""The reference rule type: missing articles and leden, repealed laws, old guidelines, definitions."""

from __future__ import annotations

from datetime import date

from docmine.model import Clause, Document, Reference, Rule
from docmine.rules.base import Context
from docmine.rules.types.reference import ReferenceRule

TODAY = Context(today=date(2024, 6, 1))


def rule(check: str, **params) -> ReferenceRule:
    return ReferenceRule(Rule(id=f"verwijzing-{check}", type="reference", severity="error",
                              message="{ref}: {detail}.", params={"check": check, **params}))


def verordening(path: str = "verordening-wmo.txt", *, articles: int = 3, leden: dict[str, int] | None = None,
                extra: str = "", date_: date | None = date(2020, 1, 1), law: str = "Wmo") -> Document:
    """A verordening with ``articles`` articles; ``leden`` gives some of them numbered leden;
    ``extra`` is appended to the last article (where the tests put their references)."""
    leden = leden or {}
    text, clauses = "Verordening maatschappelijke ondersteuning\n\n", []
    for n in range(1, articles + 1):
        start = len(text)
        text += f"Artikel {n} Onderwerp {n}\n"
        lid_clauses = []
        for l in range(1, leden.get(str(n), 0) + 1):
            ls = len(text)
            text += f"{l}. Het college regelt onderdeel {l} van artikel {n}.\n"
            lid_clauses.append(Clause(f"{path}#art{n}.lid{l}", "lid", text[ls:len(text)], ls, len(text), number=str(l),
                                      parent=f"{path}#art{n}"))
        if n == articles and extra:
            text += extra + "\n"
        text += "\n"
        clauses.append(Clause(f"{path}#art{n}", "artikel", text[start:], start, len(text), number=str(n),
                              title=f"Onderwerp {n}"))
        clauses.extend(lid_clauses)
    return Document(path=path, format="txt", text=text, type="verordening", clauses=clauses, date=date_, law=law)


def with_ref(doc: Document, phrase: str, **ref) -> Document:
    """Attach a Reference for the first occurrence of ``phrase`` to the last article."""
    s = doc.text.index(phrase)
    art = [c for c in doc.clauses if c.kind == "artikel"][-1]
    art.references.append(Reference(text=phrase, start=s, end=s + len(phrase), **ref))
    return doc


def test_reference_article_that_does_not_exist_is_an_error():
    doc = with_ref(verordening(articles=26, extra="Zie artikel 31 voor de hardheidsclausule."),
                   "artikel 31", kind="artikel", artikel="31")
    found = list(rule("artikel").check_document(doc, TODAY))
    assert len(found) == 1
    assert found[0].excerpt == "artikel 31" and "26 artikelen" in found[0].message
    assert found[0].clause == "verordening-wmo.txt#art26"


def test_reference_existing_article_and_lid_not_reported():
    doc = with_ref(verordening(articles=26, leden={"5": 2}, extra="Zie artikel 5, tweede lid."),
                   "artikel 5, tweede lid", kind="artikel", artikel="5", lid=2)
    assert list(rule("artikel").check_document(doc, TODAY)) == []


def test_reference_lid_that_does_not_exist_is_an_error():
    doc = with_ref(verordening(articles=6, leden={"5": 2}, extra="Zie artikel 5, vierde lid."),
                   "artikel 5, vierde lid", kind="artikel", artikel="5", lid=4)
    found = list(rule("artikel").check_document(doc, TODAY))
    assert len(found) == 1 and "vierde lid" in found[0].message and "2 leden" in found[0].message


def test_reference_first_lid_of_article_without_leden_is_fine_but_second_is_not():
    doc = with_ref(verordening(articles=4, extra="Als bedoeld in artikel 2, eerste lid, en artikel 3, tweede lid."),
                   "artikel 2, eerste lid", kind="artikel", artikel="2", lid=1)
    with_ref(doc, "artikel 3, tweede lid", kind="artikel", artikel="3", lid=2)
    found = list(rule("artikel").check_document(doc, TODAY))
    assert [f.excerpt for f in found] == ["artikel 3, tweede lid"]


def test_reference_same_reference_on_article_and_lid_reported_once():
    doc = with_ref(verordening(articles=2, extra="Zie artikel 9."), "artikel 9", kind="artikel", artikel="9")
    lid = Clause("verordening-wmo.txt#art2.lid1", "lid", "Zie artikel 9.", doc.text.index("Zie artikel 9"),
                 doc.text.index("Zie artikel 9") + 14, number="1", parent="verordening-wmo.txt#art2")
    lid.references.append(doc.clauses[-1].references[0])
    doc.clauses.append(lid)
    assert len(list(rule("artikel").check_document(doc, TODAY))) == 1


def test_reference_article_of_repealed_law_is_reported_with_successor():
    phrase = "artikel 2 van de Wet op de jeugdzorg"
    doc = with_ref(verordening(extra=f"Deze regeling berust op {phrase}."), phrase, kind="wet",
                   artikel="2", law="Wet op de jeugdzorg")
    found = list(rule("wet").check_document(doc, TODAY))
    assert len(found) == 1
    assert "01-01-2015" in found[0].message and "Jeugdwet" in found[0].message
    assert found[0].severity == "error"


def test_reference_bare_law_word_left_to_term_rules_and_current_law_fine():
    doc = with_ref(verordening(extra="De AWBZ was vroeger anders. Zie artikel 2.3.2 van de Wmo 2015."), "AWBZ",
                   kind="wet", law="AWBZ")
    with_ref(doc, "artikel 2.3.2 van de Wmo 2015", kind="wet", law="Wmo 2015", artikel="2.3.2")
    assert list(rule("wet").check_document(doc, TODAY)) == []
    assert len(list(rule("wet", require_article=False).check_document(doc, TODAY))) == 1


def test_reference_repealed_law_in_document_older_than_the_repeal_not_reported():
    phrase = "artikel 4 van de AWBZ"
    doc = with_ref(verordening(extra=f"Zie {phrase}.", date_=date(2012, 3, 1)), phrase, kind="wet", law="AWBZ", artikel="4")
    assert list(rule("wet").check_document(doc, TODAY)) == []


def test_reference_old_guideline_reported_once_per_document():
    doc = verordening(extra="Uitgangspunt is de Richtlijn HH 2013. Ook elders geldt de Richtlijn HH 2013.")
    first = doc.text.index("Richtlijn HH 2013")
    with_ref(doc, "Richtlijn HH 2013", kind="richtlijn", year=2013)
    second = doc.text.index("Richtlijn HH 2013", first + 1)
    doc.clauses[-1].references.append(Reference(kind="richtlijn", text="Richtlijn HH 2013", start=second,
                                                end=second + 17, year=2013))
    found = list(rule("richtlijn", max_age_years=5).check_document(doc, TODAY))
    assert len(found) == 1 and found[0].start == first and "2013" in found[0].message


def test_reference_old_guideline_reported_at_its_first_mention():
    doc = verordening(extra="Bijlage 2 Richtlijn HH 2013\nDeze bijlage volgt de Richtlijn HH 2013.")
    second = doc.text.index("Richtlijn HH 2013", doc.text.index("Richtlijn HH 2013") + 1)
    doc.clauses[-1].references.append(Reference(kind="richtlijn", text="Richtlijn HH 2013", start=second,
                                                end=second + 17, year=2013))
    found = list(rule("richtlijn").check_document(doc, TODAY))
    assert [f.start for f in found] == [doc.text.index("Richtlijn HH 2013")]


def test_reference_recent_guideline_not_reported_and_age_configurable():
    doc = with_ref(verordening(extra="Zie het Normenkader HHM 2019."), "Normenkader HHM 2019", kind="richtlijn", year=2019)
    assert list(rule("richtlijn", max_age_years=5).check_document(doc, TODAY)) == []
    assert len(list(rule("richtlijn", max_age_years=3).check_document(doc, TODAY))) == 1
    # relative to the document's own date (2020): one year old
    assert list(rule("richtlijn", max_age_years=3, relative_to="document").check_document(doc, TODAY)) == []


def with_definitions(doc: Document, defs: dict[str, str]) -> Document:
    art1 = doc.clauses[0]
    insert = "In deze verordening wordt verstaan onder:\n" + "".join(
        f"{chr(97 + i)}. {term}: {body};\n" for i, (term, body) in enumerate(defs.items()))
    pos = art1.start + len(doc.text[art1.start:].split("\n", 1)[0]) + 1
    text = doc.text[:pos] + insert + doc.text[pos:]
    shift = len(insert)
    for c in doc.clauses:
        c.start += shift if c.start >= pos else 0
        c.end += shift if c.end >= pos else 0
        c.text = text[c.start:c.end]
    for i, (term, body) in enumerate(defs.items()):
        line = f"{chr(97 + i)}. {term}: {body};"
        s = text.index(line)
        doc.clauses.append(Clause(f"{doc.path}#def.{term}", "definitie", line, s, s + len(line),
                                  parent=art1.id, attrs={"term": term}))
    doc.text = text
    return doc


def test_reference_defined_term_never_used_is_reported():
    doc = with_definitions(verordening(extra="Het college verstrekt een maatwerkvoorziening aan de cliënt."),
                           {"maatwerkvoorziening": "op de behoeften afgestemd geheel van diensten",
                            "cliënt": "persoon die een melding doet",
                            "mantelzorgcompliment": "blijk van waardering voor mantelzorgers"})
    found = list(rule("definitie-ongebruikt").check_document(doc, TODAY))
    assert [f.clause for f in found] == ["verordening-wmo.txt#def.mantelzorgcompliment"]


def test_reference_defined_term_used_in_plural_or_other_case_is_not_reported():
    doc = with_definitions(verordening(extra="Maatwerkvoorzieningen worden verstrekt aan Cliënten."),
                           {"maatwerkvoorziening": "op de behoeften afgestemd geheel", "cliënt": "persoon"})
    assert list(rule("definitie-ongebruikt").check_document(doc, TODAY)) == []


def test_reference_term_defined_differently_in_two_documents():
    a = with_definitions(verordening("verordening-wmo.txt", extra="cliënt en mantelzorger"),
                         {"mantelzorger": "persoon die hulp biedt aan een hulpbehoevende uit zijn sociale netwerk",
                          "cliënt": "persoon die een melding doet"})
    b = with_definitions(verordening("besluit-wmo.txt", extra="cliënt en mantelzorger"),
                         {"mantelzorger": "betaalde kracht die in opdracht van een aanbieder huishoudelijke taken verricht",
                          "cliënt": "persoon die een melding doet"})
    r = rule("definitie-verschil")
    assert r.level == "corpus"
    found = list(r.check_corpus([a, b], TODAY))
    # one finding in each document (each has a definition to align), none for the shared 'cliënt'
    assert [f.clause for f in found] == ["besluit-wmo.txt#def.mantelzorger", "verordening-wmo.txt#def.mantelzorger"]
    assert found[0].related[0]["document"] == "verordening-wmo.txt"
    assert "betaalde kracht" in found[0].excerpt and "sociale netwerk" in found[0].related[0]["excerpt"]


def test_reference_same_definition_or_other_law_not_reported():
    defs = {"mantelzorger": "persoon die hulp biedt aan een hulpbehoevende uit zijn sociale netwerk"}
    a = with_definitions(verordening("a.txt", extra="mantelzorger"), dict(defs))
    b = with_definitions(verordening("b.txt", extra="mantelzorger"),
                         {"mantelzorger": "persoon die hulp biedt aan een hulpbehoevende uit diens sociale netwerk"})
    c = with_definitions(verordening("c.txt", extra="mantelzorger", law="Jeugdwet"),
                         {"mantelzorger": "ouder of verzorger die voor een jeugdige zorgt"})
    assert list(rule("definitie-verschil").check_corpus([a, b, c], TODAY)) == []


def test_reference_article_of_another_regulation_is_not_checked_here():
    phrase = "artikel 14"
    doc = with_ref(verordening(articles=3, extra="Zie artikel 14 van de verordening jeugdhulp."), phrase,
                   kind="artikel", artikel="14")
    assert list(rule("artikel").check_document(doc, TODAY)) == []


def test_reference_definition_copied_by_many_documents_only_the_deviating_one_reported():
    model = {"mantelzorger": "persoon die hulp biedt aan een hulpbehoevende uit zijn sociale netwerk"}
    docs = [with_definitions(verordening(f"gemeente{i:02d}/verordening-wmo.txt", extra="mantelzorger"), dict(model))
            for i in range(40)]
    odd = with_definitions(verordening("gemeente99/verordening-wmo.txt", extra="mantelzorger"),
                           {"mantelzorger": "betaalde kracht die in opdracht van een aanbieder huishoudelijke taken verricht"})
    found = list(rule("definitie-verschil").check_corpus(docs + [odd], TODAY))
    # the deviating document names all 40 others; each of the 40 names only the deviating one
    by_doc = {f.document: [r["document"] for r in f.related] for f in found}
    assert len(found) == 41
    assert by_doc["gemeente99/verordening-wmo.txt"] == [d.path for d in docs]
    assert all(by_doc[d.path] == ["gemeente99/verordening-wmo.txt"] for d in docs)


def test_reference_definitions_of_editions_of_one_document_not_compared():
    a = with_definitions(verordening("beleidsregels-wmo-2019.txt", extra="mantelzorger"),
                         {"mantelzorger": "persoon die hulp biedt aan een hulpbehoevende uit zijn sociale netwerk"})
    b = with_definitions(verordening("beleidsregels-wmo-2021.txt", extra="mantelzorger"),
                         {"mantelzorger": "betaalde kracht die in opdracht van een aanbieder huishoudelijke taken verricht"})
    a.title, b.title = "Beleidsregels Wmo 2019", "Beleidsregels Wmo 2021"
    assert list(rule("definitie-verschil").check_corpus([a, b], TODAY)) == []
    assert len(list(rule("definitie-verschil", skip_versions=False).check_corpus([a, b], TODAY))) == 2


def test_outside_texts_same_as_normalising_each_side():
    """``_outside_texts`` normalises the text once in pieces: the same strings as normalising
    the text before and after each definition separately (also with cuts inside a word, accents,
    ligatures and combining marks)."""
    import random

    from docmine.text import normalise
    from docmine.rules.types.reference import _outside_texts

    rnd = random.Random(8)
    alphabet = list("abc XYZ\n\t.,:;'-_0123") + ["é", "ë", "ﬁ", "½", "\u0301", "\u00a0", "İ", "Σ", "ς"]
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        spans = []
        for _ in range(rnd.randint(1, 4)):
            a = rnd.randint(0, len(text))
            b = rnd.randint(a, len(text))
            if rnd.random() < 0.7:  # mostly at whitespace, like real definitions
                while 0 < a < len(text) and not text[a - 1].isspace():
                    a -= 1
                while 0 < b < len(text) and not text[b].isspace():
                    b += 1
            spans.append((a, b))
        expected = [(normalise(text[:s]), normalise(text[e:])) for s, e in spans]
        words: list = []
        whole, outside = _outside_texts(text, spans, words)
        assert [(norm[:b], norm[a:]) for norm, b, a in outside] == expected, (text, spans)
        assert whole is None or whole == normalise(text), (text, spans)
        if whole is not None and None not in words:  # the words prepare takes: those of the whole
            assert [w.decode() for ws in words for w in ws] == whole.split()


def _article_index_two_passes(doc: Document) -> dict:
    """The article index as it was first written (leden, then onderdelen, a parent walk each)."""
    from docmine.rules.types.reference import _norm_art

    by_id = {c.id: c for c in doc.clauses}
    arts: dict = {}
    for c in doc.clauses:
        if c.kind == "artikel" and c.number:
            arts.setdefault(_norm_art(c.number), (c, {}))

    def article_of(c):
        p = by_id.get(c.parent or "")
        while p is not None and p.kind != "artikel":
            p = by_id.get(p.parent or "")
        return p

    for c in doc.clauses:
        if c.kind == "lid" and c.number:
            a = article_of(c)
            if a is not None and a.number:
                arts[_norm_art(a.number)][1].setdefault(c.number.strip().rstrip("."), set())
    for c in doc.clauses:
        if c.kind == "onderdeel" and c.number:
            a = article_of(c)
            if a is None or not a.number:
                continue
            parent = by_id.get(c.parent or "")
            lid = parent.number.strip().rstrip(".") if parent is not None and parent.kind == "lid" and parent.number else ""
            arts[_norm_art(a.number)][1].setdefault(lid, set()).add(c.number.strip().rstrip(".)").lower())
    return arts


def test_article_index_one_pass_equals_two_passes_on_random_clause_trees():
    import random

    from docmine.rules.types.reference import _article_index

    rnd = random.Random(3)
    for _ in range(500):
        clauses: list[Clause] = []
        for i in range(rnd.randint(0, 40)):
            kind = rnd.choice(["artikel", "lid", "onderdeel", "hoofdstuk", "paragraaf", "definitie"])
            parent = rnd.choice([c.id for c in clauses] + [None, "missing"]) if clauses else None
            number = rnd.choice([None, "", "1", "2.", " 3 ", "a", "b)", "B.", "4a", "5:1", "."])
            clauses.append(Clause(f"c{i}", kind, "", 0, 0, number=number, parent=parent))
        doc = Document(path="v.txt", format="txt", text="", type="verordening", clauses=clauses)
        got = {k: (v[0].id, v[1]) for k, v in _article_index(doc).items()}
        want = {k: (v[0].id, v[1]) for k, v in _article_index_two_passes(doc).items()}
        assert got == want
