"""The duplicate rule type: copies filed twice, groups of three, templates, versions, sections."""

from __future__ import annotations

from datetime import date

from docmine.model import Clause, Document, Rule
from docmine.rules.base import Context
from docmine.rules.corpus import title_stem
from docmine.rules.shingles import Matcher
from docmine.rules.types.duplicate import DuplicateRule
from docmine.text import _normalise_slow, normalise

INSTRUCTIE = """Werkinstructie beschikken voor onbepaalde tijd

Datum: 25-03-2019
Versienummer: 1.2
Redacteur: team Wmo

Stap 1. De consulent beoordeelt na het onderzoek of de beperkingen van de cliënt naar verwachting
blijvend zijn. Is dat zo, dan kan de maatwerkvoorziening voor onbepaalde tijd worden toegekend.

Stap 2. De consulent legt in het gespreksverslag vast waarom een einddatum niet nodig is en wanneer
het periodieke onderzoek plaatsvindt. Dat onderzoek wordt in de regel na twee jaar gepland.

Stap 3. De administratie zet de beschikking klaar in het systeem en controleert of de
ingangsdatum, de aard en de omvang van de ondersteuning goed zijn overgenomen.

Stap 4. Bij een wijziging in de situatie van de cliënt start de consulent een nieuw onderzoek en
neemt hij zo nodig een nieuw besluit. De oude beschikking wordt dan ingetrokken.
"""

PGB = """Werkinstructie aanvraag persoonsgebonden budget

Stap 1. De consulent bespreekt met de cliënt of een persoonsgebonden budget past bij de
ondersteuningsvraag en of de cliënt het budget zelf kan beheren of daarbij hulp heeft.

Stap 2. De cliënt dient een budgetplan in waarin staat wie de ondersteuning levert, tegen welk
tarief en hoe de kwaliteit wordt bewaakt. De consulent toetst het plan aan de beleidsregels.

Stap 3. Na goedkeuring stuurt de gemeente de toekenning door aan de Sociale Verzekeringsbank.
"""

BESCHIKKING = """Beschikking maatwerkvoorziening begeleiding

Geachte {naam},

U heeft op {datum} een melding gedaan bij de gemeente. Naar aanleiding van het onderzoek kennen wij
u een maatwerkvoorziening begeleiding individueel toe. Het beoogde resultaat is dat u uw
dagelijkse administratie zelfstandig kunt blijven doen. De omvang is {uren} uur per week. De
ingangsdatum is {datum} en de voorziening geldt voor de duur van twaalf maanden.

Bent u het niet eens met dit besluit, dan kunt u binnen zes weken bezwaar maken bij het college.
"""


def rule(check: str, **params) -> DuplicateRule:
    return DuplicateRule(Rule(id={"versions": "versies"}.get(check, f"dubbel-{check}"), type="duplicate",
                              severity="warning", message="Dubbel.", params={"check": check, **params}))


def doc(path: str, text: str, type: str = "werkinstructie", title: str | None = None, **kw) -> Document:
    return Document(path=path, format="txt", text=text, type=type, title=title, **kw)


def rewrap(text: str) -> str:
    """The same text with lines broken elsewhere, the way a second copy often looks."""
    return "\n".join(" ".join(text.split()[i:i + 9]) for i in range(0, len(text.split()), 9))


def test_duplicate_same_instruction_filed_twice_is_one_finding():
    copy = rewrap(INSTRUCTIE.replace("Werkinstructie beschikken voor onbepaalde tijd",
                                     "Instructie onbepaalde duur beschikken Wmo")
                  .replace("in de regel na twee jaar", "meestal na twee jaar"))
    docs = [doc("werkinstructies/onbepaalde-tijd.txt", INSTRUCTIE, title="Werkinstructie beschikken voor onbepaalde tijd"),
            doc("archief/instructie-onbepaalde-duur.txt", copy, title="Instructie onbepaalde duur beschikken Wmo"),
            doc("werkinstructies/pgb.txt", PGB, title="Werkinstructie aanvraag persoonsgebonden budget")]
    found = list(rule("documents").check_corpus(docs, Context()))
    assert len(found) == 1
    f = found[0]
    assert f.document == "archief/instructie-onbepaalde-duur.txt"
    assert [r["document"] for r in f.related] == ["werkinstructies/onbepaalde-tijd.txt"]
    assert f.excerpt == copy and f.related[0]["excerpt"] == INSTRUCTIE
    assert "werkinstructies/onbepaalde-tijd.txt" in f.message


def test_duplicate_group_of_three_is_one_finding_with_two_related():
    docs = [doc(f"map{i}/instructie.txt", rewrap(INSTRUCTIE) if i == 1 else INSTRUCTIE, title=f"Kopie {i}")
            for i in range(3)]
    docs.append(doc("pgb.txt", PGB, title="Pgb"))
    found = list(rule("documents").check_corpus(docs, Context()))
    assert len(found) == 1
    assert found[0].document == "map0/instructie.txt"
    assert sorted(r["document"] for r in found[0].related) == ["map1/instructie.txt", "map2/instructie.txt"]


def test_duplicate_different_documents_not_reported():
    docs = [doc("a.txt", INSTRUCTIE, title="A"), doc("b.txt", PGB, title="B")]
    assert list(rule("documents").check_corpus(docs, Context())) == []


def test_duplicate_letters_on_one_template_not_reported():
    a = BESCHIKKING.format(naam="mevrouw Jansen", datum="3 maart 2022", uren=3)
    b = BESCHIKKING.format(naam="de heer De Vries", datum="17 mei 2022", uren=5)
    docs = [doc("dossiers/beschikking-1.txt", a, type="beschikking", title="Beschikking"),
            doc("dossiers/beschikking-2.txt", b, type="beschikking", title="Beschikking")]
    assert list(rule("documents").check_corpus(docs, Context())) == []
    assert list(rule("versions").check_corpus(docs, Context())) == []
    assert list(rule("sections", min_words=10).check_corpus(docs, Context())) == []


def test_duplicate_exact_copy_of_a_letter_is_reported():
    a = BESCHIKKING.format(naam="mevrouw Jansen", datum="3 maart 2022", uren=3)
    docs = [doc("dossiers/beschikking-1.txt", a, type="beschikking"),
            doc("dossiers/kopie/beschikking-1.txt", a, type="beschikking")]
    assert len(list(rule("documents").check_corpus(docs, Context()))) == 1


ARRANGEMENTEN = INSTRUCTIE.replace("Werkinstructie beschikken voor onbepaalde tijd", "Beschrijving arrangementen Jeugd")


def test_duplicate_versions_name_newest_and_are_not_plain_duplicates():
    docs = [doc("arrangementen/beschrijving-arrangementen-jeugd-2018.txt", ARRANGEMENTEN,
                type="arrangementsbeschrijving", title="Beschrijving arrangementen Jeugd 2018"),
            doc("arrangementen/beschrijving-arrangementen-jeugd-2020_def.txt", ARRANGEMENTEN.replace("twee jaar", "een jaar"),
                type="arrangementsbeschrijving", title="Beschrijving arrangementen Jeugd 2020"),
            doc("arrangementen/Beschrijving_arrangementen_Jeugd_2019.txt", rewrap(ARRANGEMENTEN),
                type="arrangementsbeschrijving", title="Beschrijving arrangementen Jeugd 2019")]
    found = list(rule("versions").check_corpus(docs, Context()))
    assert len(found) == 1
    f = found[0]
    assert f.document == "arrangementen/beschrijving-arrangementen-jeugd-2020_def.txt"
    assert [r["document"] for r in f.related] == ["arrangementen/beschrijving-arrangementen-jeugd-2018.txt",
                                                  "arrangementen/Beschrijving_arrangementen_Jeugd_2019.txt"]
    assert f.clause is None
    # the same three are not reported again as duplicates
    assert list(rule("documents").check_corpus(docs, Context())) == []


def test_duplicate_versions_newest_by_document_date_without_year_in_title():
    docs = [doc("regels-concept.txt", PGB, title="Nadere regels pgb concept", date=date(2021, 5, 1)),
            doc("regels-def.txt", PGB + "\nSlot.", title="Nadere regels pgb def", date=date(2021, 9, 1))]
    found = list(rule("versions").check_corpus(docs, Context()))
    assert len(found) == 1 and found[0].document == "regels-def.txt"


def test_duplicate_same_title_stem_but_unrelated_text_is_not_a_version():
    docs = [doc("beleidsregels-2019.txt", INSTRUCTIE, title="Beleidsregels 2019"),
            doc("beleidsregels-2020.txt", "Geheel andere inhoud over leerlingenvervoer en " * 5, title="Beleidsregels 2020")]
    assert list(rule("versions").check_corpus(docs, Context())) == []


def test_duplicate_title_stem_drops_years_dates_and_version_marks():
    assert title_stem("Beschrijving_arrangementen_Jeugd_2019_def.docx") == "beschrijving arrangementen jeugd"
    assert title_stem("Werkinstructie onbepaalde tijd d.d. 25-03-2019 v2") == "werkinstructie onbepaalde tijd"
    assert title_stem("Concept beleidsregels Wmo 2020") == "beleidsregels wmo"


def _artikel_doc(path: str, body: str, extra: str) -> Document:
    text = f"Verordening\n\nArtikel 1 Begrippen\n{extra}\n\nArtikel 2 Melding\n{body}\n"
    s = text.index("Artikel 2")
    clauses = [Clause(f"{path}#art1", "artikel", text[text.index("Artikel 1"):s], text.index("Artikel 1"), s, number="1", title="Begrippen"),
               Clause(f"{path}#art2", "artikel", text[s:], s, len(text), number="2", title="Melding")]
    return Document(path=path, format="txt", text=text, type="verordening", title=path, clauses=clauses)


def test_duplicate_same_article_in_two_documents_is_a_section_finding():
    body = " ".join(INSTRUCTIE.split()[20:90])
    a = _artikel_doc("wmo.txt", body, "Een geheel eigen eerste artikel over de begrippen in de Wmo en de reikwijdte daarvan " * 3)
    b = _artikel_doc("jeugd.txt", rewrap(body), "Dit artikel gaat over jeugdhulp, opvoedondersteuning en de gecertificeerde instelling " * 3)
    found = list(rule("sections").check_corpus([a, b], Context()))
    assert len(found) == 1
    assert found[0].clause == "jeugd.txt#art2" and found[0].related[0]["clause"] == "wmo.txt#art2"
    assert found[0].excerpt.startswith("Artikel 2")


def test_duplicate_sections_skip_documents_already_grouped():
    a = _artikel_doc("wmo.txt", " ".join(INSTRUCTIE.split()[20:90]), "Eigen begrippen " * 20)
    copy = Document(path="wmo-kopie.txt", format="txt", text=a.text, type="verordening", title="Kopie",
                    clauses=[Clause(c.id.replace("wmo.txt", "wmo-kopie.txt"), c.kind, c.text, c.start, c.end, number=c.number)
                             for c in a.clauses])
    assert len(list(rule("documents").check_corpus([a, copy], Context()))) == 1
    assert list(rule("sections").check_corpus([a, copy], Context())) == []


def test_duplicate_matcher_agrees_with_all_pairs_on_a_sample():
    paras = [p for p in (INSTRUCTIE + "\n\n" + PGB + "\n\n" + BESCHIKKING).split("\n\n") if len(p.split()) > 15]
    texts = paras + [rewrap(p) for p in paras[:3]] + [p.replace("de", "het", 1) for p in paras[3:5]]
    m = Matcher()
    norms = [normalise(t) for t in texts]
    lsh_groups = m.groups(texts)
    import networkx as nx

    g = nx.Graph()
    for i in range(len(norms)):
        for j in range(i + 1, len(norms)):
            if m.similar(norms[i], norms[j]):
                g.add_edge(i, j)
    assert lsh_groups == sorted(sorted(c) for c in nx.connected_components(g))
    assert len(lsh_groups) == 5


def test_duplicate_report_each_gives_every_member_its_own_finding():
    docs = [doc(f"map{i}/instructie.txt", INSTRUCTIE, title=f"Kopie {i}") for i in range(3)]
    found = list(rule("documents", report="each").check_corpus(docs, Context()))
    assert sorted(f.document for f in found) == [d.path for d in docs]
    assert all(len(f.related) == 2 and f.document not in [r["document"] for r in f.related] for f in found)
    versions = [doc("regels-2019.txt", PGB, title="Regels pgb 2019"), doc("regels-2021.txt", PGB, title="Regels pgb 2021")]
    found = list(rule("versions", report="each").check_corpus(versions, Context()))
    assert sorted(f.document for f in found) == ["regels-2019.txt", "regels-2021.txt"]
    assert all("nieuwste: regels-2021.txt" in f.message for f in found)


def test_duplicate_same_document_in_two_formats_is_a_duplicate_not_a_version():
    docs = [doc("verordeningen/verordening-jeugdhulp-2019.txt", INSTRUCTIE, type="verordening", title="Verordening jeugdhulp 2019"),
            doc("verordeningen/verordening-jeugdhulp-2019.docx", rewrap(INSTRUCTIE), type="verordening", title="Verordening jeugdhulp 2019")]
    assert list(rule("versions").check_corpus(docs, Context())) == []
    found = list(rule("documents").check_corpus(docs, Context()))
    assert len(found) == 1 and found[0].related[0]["document"].endswith(".txt")


TABEL = "Tabel " + " ".join(f"{1000 + 37 * i}" for i in range(80))  # shares nothing with INSTRUCTIE


def test_duplicate_large_version_group_is_one_finding_naming_the_newest():
    # twelve yearly editions, each a little edited: one group, one finding, the newest named
    docs = [doc(f"arrangementen/arrangementen-{y}.txt", ARRANGEMENTEN.replace("twee jaar", f"{y - 2000} jaar"),
                type="arrangementsbeschrijving", title=f"Beschrijving arrangementen {y}") for y in range(2009, 2021)]
    found = list(rule("versions").check_corpus(docs[::-1], Context()))
    assert len(found) == 1
    assert found[0].document == "arrangementen/arrangementen-2020.txt"
    assert [r["document"] for r in found[0].related] == [d.path for d in docs[:-1]]
    assert list(rule("documents").check_corpus(docs, Context())) == []


def test_duplicate_versions_grouped_through_a_middle_edition():
    # 2018 and 2020 share too little text to be compared directly, but each shares enough with
    # 2019: all three are one group (connected), whatever order the documents come in
    a = INSTRUCTIE
    c = TABEL
    b = a + "\n" + c
    docs = [doc("regels-2018.txt", a, title="Regels onbepaalde tijd 2018"),
            doc("regels-2020.txt", c, title="Regels onbepaalde tijd 2020"),
            doc("regels-2019.txt", b, title="Regels onbepaalde tijd 2019")]
    from rapidfuzz import fuzz

    assert fuzz.token_set_ratio(normalise(a), normalise(c)) < 30  # the ends are unrelated
    for order in (docs, docs[::-1], [docs[1], docs[0], docs[2]]):
        found = list(rule("versions").check_corpus(order, Context()))
        assert len(found) == 1 and found[0].document == "regels-2020.txt"
        assert sorted(r["document"] for r in found[0].related) == ["regels-2018.txt", "regels-2019.txt"]


def test_duplicate_same_stem_two_unrelated_families_are_two_groups():
    docs = [doc("beleidsregels-2019.txt", INSTRUCTIE, title="Beleidsregels 2019"),
            doc("beleidsregels-2020.txt", rewrap(INSTRUCTIE), title="Beleidsregels 2020"),
            doc("beleidsregels-2019-def.txt", TABEL, title="Beleidsregels 2019 def"),
            doc("beleidsregels-2021.txt", TABEL + " 99", title="Beleidsregels 2021")]
    found = list(rule("versions").check_corpus(docs, Context()))
    assert sorted(f.document for f in found) == ["beleidsregels-2020.txt", "beleidsregels-2021.txt"]


def test_duplicate_many_copies_and_many_letters_on_one_template():
    # 30 copies of one instruction: one finding with 29 related; 200 letters on one template
    # are no duplicates, except the two that are literally the same letter
    copies = [doc(f"team{i:02d}/instructie.txt", rewrap(INSTRUCTIE) if i % 2 else INSTRUCTIE,
                  title=f"Instructie {i}") for i in range(30)]
    letters = [doc(f"dossiers/beschikking-{i:03d}.txt",
                   BESCHIKKING.format(naam=f"mevrouw Klant{i}", datum=f"{1 + i % 28} maart 2022", uren=1 + i % 9),
                   type="beschikking", title="Beschikking") for i in range(200)]
    letters.append(doc("dossiers/beschikking-kopie.txt", letters[7].text, type="beschikking", title="Beschikking"))
    found = sorted(rule("documents").check_corpus(copies + letters, Context()), key=lambda f: f.document)
    assert len(found) == 2
    assert found[0].document == "dossiers/beschikking-007.txt"
    assert [r["document"] for r in found[0].related] == ["dossiers/beschikking-kopie.txt"]
    assert found[1].document == "team00/instructie.txt" and len(found[1].related) == 29


def test_duplicate_shared_results_follow_changed_texts():
    # the rules of one audit share their groups; another corpus with the same paths but other
    # texts must not get the first corpus' answer
    same = [doc("a.txt", INSTRUCTIE, title="A"), doc("b.txt", rewrap(INSTRUCTIE), title="B")]
    other = [doc("a.txt", INSTRUCTIE, title="A"), doc("b.txt", PGB, title="B")]
    assert len(list(rule("documents").check_corpus(same, Context()))) == 1
    assert list(rule("documents").check_corpus(other, Context())) == []
    assert len(list(rule("documents").check_corpus(same, Context()))) == 1


def test_duplicate_prepared_in_the_workers_gives_the_same_findings():
    """``prepare`` (run with the per-document rules, in the workers) keeps per-document results
    on the Document; the corpus stage must give the same findings with them, without them, with
    only some documents prepared, after pickling, and when a document changed after it."""
    import copy
    import pickle

    from docmine.rules.engine import run_document_rules
    from docmine.rules.corpus import clear_memo

    def corpus() -> list[Document]:
        copies = [doc(f"team{i}/instructie.txt", rewrap(INSTRUCTIE) if i % 2 else INSTRUCTIE, title=f"Instructie {i}")
                  for i in range(4)]
        versions = [doc(f"arrangementen/beschrijving-arrangementen-jeugd-{y}.txt", ARRANGEMENTEN.replace("twee", str(y)),
                        type="arrangementsbeschrijving", title=f"Beschrijving arrangementen Jeugd {y}") for y in (2018, 2019, 2020)]
        letters = [doc(f"dossiers/beschikking-{i}.txt", BESCHIKKING.format(naam=f"Klant{i}", datum="3 maart 2022", uren=i),
                       type="beschikking", title="Beschikking") for i in range(3)]
        letters.append(doc("dossiers/kopie.txt", letters[1].text, type="beschikking", title="Beschikking"))
        body = " ".join(PGB.split()[10:80])
        sections = [_artikel_doc("wmo.txt", body, "Een geheel eigen eerste artikel over de begrippen in de Wmo en de "
                                 "reikwijdte daarvan " * 3),
                    _artikel_doc("jeugd.txt", rewrap(body), "Dit artikel gaat over jeugdhulp, opvoedondersteuning en de "
                                 "gecertificeerde instelling " * 3)]
        return copies + versions + letters + sections + [doc("pgb.txt", PGB, title="Pgb"), doc("leeg.txt", "  \n")]

    rules = [rule("documents"), rule("versions"), rule("sections", min_words=10)]

    def findings(docs: list[Document]) -> list[dict]:
        clear_memo()
        return [f.to_dict() for r in rules for f in r.check_corpus(docs, Context())]

    expected = findings(corpus())
    assert sorted({f["rule"] for f in expected}) == ["dubbel-documents", "dubbel-sections", "versies"]
    prepared = corpus()
    for d in prepared:
        assert run_document_rules(rules, d, Context()) == []  # prepare only, no findings
    assert all("_prepared" in vars(d) for d in prepared if d.text.strip())
    assert findings(prepared) == expected
    assert findings(pickle.loads(pickle.dumps(prepared))) == expected
    assert findings([copy.copy(d) if i % 2 else corpus()[i] for i, d in enumerate(prepared)]) == expected
    # a prepared document whose text changed afterwards: its record is not used
    changed, fresh = corpus(), corpus()
    for d in changed:
        run_document_rules(rules, d, Context())
    changed[0].text = fresh[0].text = PGB
    assert findings(changed) == findings(fresh)


def test_duplicate_failing_prepare_is_left_to_the_corpus_stage():
    from docmine.rules.engine import run_document_rules

    class Broken(DuplicateRule):
        def prepare(self, doc: Document) -> None:
            raise ValueError("kapot")

    r = Broken(rule("documents").rule)
    d = doc("a.txt", INSTRUCTIE, title="A")
    assert run_document_rules([r], d, Context()) == []
    assert "_prepared" not in vars(d)
    assert len(list(r.check_corpus([d, doc("b.txt", rewrap(INSTRUCTIE), title="B")], Context()))) == 1


def test_duplicate_lsh_bands_same_as_the_plain_loop():
    """``lsh_bands`` scores all (bands, rows) with numpy, then re-checks the best one by one:
    the same answer as trying each pair in a loop."""
    import numpy as np

    from docmine.rules.shingles import lsh_bands

    def loop(threshold: float, num_perm: int) -> tuple[int, int]:
        nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 2)

        def integral(f, lo, hi):
            s = (hi - lo) / 2 * nodes + (hi + lo) / 2
            return float((hi - lo) / 2 * np.dot(weights, f(s)))

        best, opt = float("inf"), (0, 0)
        for b in range(1, num_perm + 1):
            for r in range(1, num_perm // b + 1):
                err = 0.5 * integral(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold) + \
                    0.5 * integral(lambda s: (1 - s ** float(r)) ** float(b), threshold, 1.0)
                if err < best:
                    best, opt = err, (b, r)
        return opt

    for num_perm in (1, 16, 64, 128):
        for threshold in (0.0, 0.1, 0.25, 0.4, 0.5, 0.7, 0.9, 1.0):
            assert lsh_bands(threshold, num_perm) == loop(threshold, num_perm), (threshold, num_perm)


def test_prepared_shingles_and_head_equal_the_plain_computation():
    import numpy as np

    from docmine.rules import corpus as dup

    for text in (INSTRUCTIE, PGB, "Één café, één coöperatie: straße 12", "x" * 10 + " ... " + INSTRUCTIE * 30):
        doc = Document(path="a.txt", format="txt", type="other", text=text)
        dup.prepare_document(doc, 5, ["beschikking"])
        rec = dup._record(doc)
        norm = _normalise_slow(text)
        assert rec["shingles"][5] == np.unique(dup.shingle_hashes(norm, 5)).astype("<u4").tobytes()
        head = _normalise_slow(text[:dup.HEAD_CHARS])
        words = rec["head"].split()  # the distinct words, in any order (token_set_ratio reads the set)
        assert len(words) == len(set(words)) and " ".join(sorted(words)) == dup._word_set(head)
        from rapidfuzz import fuzz
        assert fuzz.token_set_ratio(rec["head"], "een ding dat de consulent doet") == \
            fuzz.token_set_ratio(dup._word_set(head), "een ding dat de consulent doet")
        assert rec["digest"] == dup._digest(norm)


def test_stem_and_marks_equal_title_stem_and_edition_marks_on_random_titles():
    import random

    from docmine.rules import corpus as dup

    parts = ["Beleidsregels", "Wmo", "2019", "2020", "def", "definitief", "concept", "v2", "v 1 3", "25-03-2019",
             "2019-03-25", "3 maart 2021", "dd", "versie", "_", ".pdf", ".DOCX", " ", "jeugd", "ë", "12", "1.2"]
    rnd = random.Random(4)
    for _ in range(3000):
        title = "".join(rnd.choice(parts) + rnd.choice(["", " ", "_", "-"]) for _ in range(rnd.randint(0, 6)))
        path = "map/" + "".join(rnd.choice(parts) for _ in range(rnd.randint(1, 4))).replace("/", "") + ".txt"
        doc = Document(path=path, format="txt", text="x", title=title or None)
        assert dup._stem_and_marks(doc) == (dup.title_stem(dup.document_title(doc)), dup._edition_marks(doc))


def test_a_users_version_word_makes_editions_of_titles_that_differ_by_it(tmp_path):
    """'vastgesteld' is no version word of the shipped vocabulary (rules/vocabulary/versies.yml):
    a pack that adds it makes 'Nadere regels pgb vastgesteld' an edition of '... concept'."""
    from docmine.rules.corpus import clear_memo
    from docmine.rules.loader import load_packs
    from docmine.vocabulary import activate

    docs = [doc("regels-concept.txt", PGB, title="Nadere regels pgb concept", date=date(2021, 5, 1)),
            doc("regels-vastgesteld.txt", PGB + "\nSlot.", title="Nadere regels pgb vastgesteld", date=date(2021, 9, 1))]
    assert list(rule("versions").check_corpus(docs, Context())) == []
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  version_words: [vastgesteld]\n", encoding="utf-8")
    _, voc = load_packs([pack])
    before = activate(voc)
    try:
        found = list(rule("versions").check_corpus(docs, Context()))
    finally:
        activate(before)
        clear_memo()
    assert len(found) == 1 and found[0].document == "regels-vastgesteld.txt"
    assert title_stem("Nadere regels pgb vastgesteld") == "nadere regels pgb vastgesteld"  # the shipped words again
