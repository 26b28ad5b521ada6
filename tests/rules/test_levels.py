"""The levels rule type: each sub-check with a matching and a non-matching family."""

from __future__ import annotations

import pytest

from docmine.model import Clause, Document, Rule
from docmine.rules.base import Context
from docmine.rules.types.levels import LevelsRule, self_reliance_need


def rule(check: str, **params) -> LevelsRule:
    return LevelsRule(Rule(id=f"niveaus-{check}", type="levels", severity="error",
                           message="{family}: {level} tegen {other}.", params={"check": check, **params}))


def arrangement(family: str, levels: list[dict], path: str = "arrangementen/wmo-2018.txt") -> Document:
    """A Document with a product clause and one niveau clause per level, as the extractor makes them."""
    parts = [f"Product {family}\n"]
    spans = []
    for lv in levels:
        body = (f"{family} {lv['level'].capitalize()}\nDoelgroep: {lv.get('doelgroep', '')}\n"
                f"Aanbod: {lv.get('aanbod', '')}\n")
        start = sum(len(p) for p in parts)
        parts.append(body + "\n")
        spans.append((start, start + len(body), body))
    text = "".join(parts)
    pid = f"{path}#product1"
    clauses = [Clause(pid, "product", text, 0, len(text), title=family, attrs={"family": family})]
    for rank, (lv, (s, e, body)) in enumerate(zip(levels, spans)):
        attrs = {"family": family, "level": lv["level"], "rank": lv.get("rank", rank),
                 "doelgroep": lv.get("doelgroep", ""), "aanbod": lv.get("aanbod", ""),
                 "omvang": lv.get("omvang", []), "tarief": lv.get("tarief")}
        clauses.append(Clause(f"{pid}.{lv['level']}", "niveau", body, s, e, title=lv["level"], parent=pid, attrs=attrs))
    return Document(path=path, format="txt", text=text, type="arrangementsbeschrijving", clauses=clauses)


def uur(v, per="week"):
    return {"value": v, "unit": "uur", "per": per, "text": f"{v} uur per {per}"}


def tarief(a, unit="per dagdeel"):
    return {"amount": a, "unit": unit, "text": f"€ {a} {unit}"}


INVERTED = [
    {"level": "laag", "doelgroep": "De cliënt is niet geheel in staat om zelfstandig of met hulp van het netwerk de dag in te vullen.",
     "aanbod": "Activiteiten in een groep met vrijwilligers."},
    {"level": "midden", "doelgroep": "De cliënt is in staat om zelfstandig of met hulp van het netwerk de dag in te vullen.",
     "aanbod": "Activiteiten in een groep onder leiding van een begeleider."},
    {"level": "hoog", "doelgroep": "De cliënt heeft complexe problematiek en is volledig afhankelijk van begeleiding.",
     "aanbod": "Methodische ondersteuning door een multidisciplinair team."},
]
RISING = [
    {"level": "laag", "doelgroep": "De cliënt is grotendeels in staat de dag zelf in te vullen en heeft een lichte ondersteuningsvraag.",
     "aanbod": "Dagactiviteiten met vrijwilligers in de wijk.", "omvang": [uur(4)], "tarief": tarief(30)},
    {"level": "midden", "doelgroep": "De cliënt is beperkt in staat zelf structuur aan te brengen.",
     "aanbod": "Dagbesteding met een vaste begeleider die structuur biedt.", "omvang": [uur(8)], "tarief": tarief(45)},
    {"level": "hoog", "doelgroep": "De cliënt is niet in staat de dag te structureren en heeft intensieve begeleiding nodig.",
     "aanbod": "Methodische dagbesteding door een multidisciplinair team.", "omvang": [uur(12)], "tarief": tarief(70)},
]


def run(check: str, levels: list[dict], **params):
    return list(rule(check, **params).check_document(arrangement("Begeleiding Groep", levels), Context()))


def test_levels_self_reliance_scores_negation_not_a_sentence():
    assert self_reliance_need("Jongere is niet geheel in staat zich zelfstandig te redden.")[0] > \
        self_reliance_need("Jongere is grotendeels in staat zich zelfstandig te redden.")[0]
    assert self_reliance_need("Over de doelgroep staat hier niets.")[0] is None


def test_levels_inverted_pair_is_an_error_quoting_both_texts():
    found = run("inverted", INVERTED)
    assert len(found) == 1
    f = found[0]
    assert "Begeleiding Groep" in f.message and "laag" in f.message and "midden" in f.message
    # on the higher level, the one that reads as the more self-reliant group; laag in related
    assert "is in staat" in f.excerpt and f.clause.endswith(".midden")
    assert f.related[0]["clause"].endswith(".laag") and "niet geheel in staat" in f.related[0]["excerpt"]


def test_levels_inverted_message_quotes_the_words_as_written():
    """The cues are read in folded form ('de client is in staat'); the message quotes the
    doelgroep as the document writes it, accents and capitals included."""
    (f,) = run("inverted", INVERTED)
    assert "'De cliënt is in staat'" in f.message and "niet geheel in staat" in f.message
    assert "client" not in f.message


def test_levels_inverted_not_reported_when_need_rises():
    assert run("inverted", RISING) == []


def test_levels_inverted_uses_rule_order_when_no_rank():
    levels = [dict(lv, rank=None) for lv in INVERTED]
    levels = [{**lv, "level": n} for lv, n in zip(levels, ["basis", "plus", "extra"])]
    found = list(rule("inverted", order=["basis", "plus", "extra"]).check_document(arrangement("Begeleiding Groep", levels), Context()))
    assert len(found) == 1 and "basis" in found[0].message


def test_levels_falling_omvang_or_tarief_is_reported_once_per_pair():
    levels = [dict(lv) for lv in RISING]
    levels[2] = dict(levels[2], omvang=[uur(6)], tarief=tarief(40))
    found = run("falling", levels)
    assert len(found) == 1
    assert "hoog" in found[0].message and "midden" in found[0].message
    assert "omvang" in found[0].message and "tarief" in found[0].message


def test_levels_falling_ignores_other_units_and_rising_values():
    assert run("falling", RISING) == []
    levels = [dict(lv) for lv in RISING]
    levels[1] = dict(levels[1], omvang=[{"value": 2, "unit": "dagdeel", "per": "week"}])
    assert run("falling", levels) == []


def test_levels_identical_neighbours_reported():
    levels = [dict(lv) for lv in RISING]
    levels[1] = dict(levels[1], doelgroep=levels[0]["doelgroep"], aanbod=levels[0]["aanbod"])
    found = run("identical", levels)
    assert len(found) == 1 and "laag" in found[0].message and "midden" in found[0].message


def test_levels_identical_not_reported_for_distinct_descriptions():
    assert run("identical", RISING) == []
    # alike in wording but opposite in meaning: that is the inverted check's finding, not this one
    assert run("identical", INVERTED) == []


def test_levels_jump_reported_when_ratio_exceeds_parameter():
    levels = [dict(lv) for lv in RISING]
    levels[2] = dict(levels[2], omvang=[uur(30)], tarief=tarief(190))
    found = run("jump", levels)
    assert len(found) == 1 and "midden" in found[0].message and "hoog" in found[0].message
    assert run("jump", levels, max_ratio=5) == []


def test_levels_jump_not_reported_for_gradual_rise():
    assert run("jump", RISING) == []


def test_levels_diagnosis_gate_is_a_finding():
    levels = [
        {"level": "laag", "doelgroep": "Volwassenen die hulp nodig hebben bij het plannen van hun week."},
        {"level": "hoog", "doelgroep": "Alleen voor cliënten met NAH of een psychische stoornis."},
    ]
    found = list(LevelsRule(Rule(id="x", type="levels", severity="warning", message="{family} {level}/{other}",
                                 params={"check": "diagnosis"})).check_document(arrangement("Begeleiding Individueel", levels), Context()))
    assert len(found) == 1
    assert "hoog" in found[0].message and "laag" in found[0].message and "nah" in found[0].message.lower()


def test_levels_diagnosis_named_at_every_level_without_gate_is_fine():
    levels = [{"level": "laag", "doelgroep": "Cliënten, bijvoorbeeld met autisme, met een lichte ondersteuningsvraag."},
              {"level": "hoog", "doelgroep": "Cliënten, bijvoorbeeld met autisme, met een intensieve ondersteuningsvraag."}]
    assert run("diagnosis", levels) == []
    assert run("diagnosis", RISING) == []


def test_levels_mixed_aard_and_omvang_reported():
    levels = [
        {"level": "laag", "aanbod": "Begeleiding bij het plannen van de week door een begeleider.", "omvang": [uur(2)]},
        {"level": "midden", "aanbod": "Begeleiding bij het plannen van de week door een begeleider.", "omvang": [uur(4)]},
        {"level": "hoog", "aanbod": "Behandeling door een gedragswetenschapper met een multidisciplinair team.", "omvang": [uur(4)]},
    ]
    found = run("mixed", levels)
    assert len(found) == 1 and "aard" in found[0].message


def test_levels_mixed_not_reported_when_every_step_raises_both():
    assert run("mixed", RISING) == []


@pytest.mark.parametrize("check", ["inverted", "falling", "identical", "jump", "diagnosis", "mixed"])
def test_levels_single_level_family_never_reported(check):
    assert list(rule(check).check_document(arrangement("Huishoudelijke hulp", INVERTED[:1]), Context())) == []


def test_levels_table_rows_merge_with_text_levels_and_bare_rows_are_not_identical():
    doc = arrangement("Kortdurend Verblijf", [
        {"level": "laag", "doelgroep": "De mantelzorger heeft af en toe rust nodig."},
        {"level": "midden", "doelgroep": "De mantelzorger heeft elke twee weken ontlasting nodig."}])
    text_levels = [c for c in doc.clauses if c.kind == "niveau"]
    for rank, c in enumerate(text_levels):  # the overview table: same levels, omvang and tarief only
        doc.clauses.append(Clause(c.id + ".tabel", "niveau", f"Kortdurend Verblijf | {c.title} | {rank + 1} etmaal",
                                  len(doc.text), len(doc.text), title=c.title, parent=c.parent,
                                  attrs={"family": "Kortdurend Verblijf", "level": c.title, "rank": str(rank), "source": "table",
                                         "omvang": [{"value": [3, 1][rank], "unit": "etmaal", "per": "maand"}]}))
    found = list(rule("falling").check_document(doc, Context()))
    assert len(found) == 1 and found[0].clause == text_levels[1].id  # on the text, with the table's omvang
    assert list(rule("identical").check_document(doc, Context())) == []
    bare = Document(path="t.txt", format="txt", text=doc.text, type="arrangementsbeschrijving",
                    clauses=[c for c in doc.clauses if c.kind != "niveau" or c.attrs.get("source") == "table"])
    assert list(rule("identical").check_document(bare, Context())) == []
