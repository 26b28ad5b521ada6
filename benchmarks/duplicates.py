"""Benchmark of duplicate detection (MinHash/LSH + rapidfuzz + connected components) on synthetic sections.

    python benchmarks/duplicates.py              # 5k, 10k, 20k, 25k, 50k sections
    python benchmarks/duplicates.py --sizes 2000 --sample 800

Each size is a fresh set of realistic Dutch policy paragraphs (built from phrase lists, seeded)
in which about 2% are planted near-duplicates: the same paragraph re-wrapped, with a word or a
sentence changed, some copied twice (groups of three). Prints the time per size, the ratio
50k/25k (close to 2 = linear; target <= 2.3), how many planted groups were found, and compares
the groups with an all-pairs rapidfuzz comparison on a sample (they must be the same).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.process import cdist  # noqa: E402

from docmine.rules.shingles import Matcher  # noqa: E402
from docmine.text import normalise  # noqa: E402

SUBJECTS = ["Het college", "De consulent", "De aanbieder", "De cliënt", "De gemeente", "Het wijkteam",
            "De jeugdige", "De mantelzorger", "De ouder", "De gecertificeerde instelling", "Het Centrum voor Jeugd en Gezin",
            "De casemanager", "De huisarts", "De raad", "De Sociale Verzekeringsbank", "De onafhankelijke cliëntondersteuner"]
VERBS = ["beoordeelt", "legt vast", "bespreekt", "onderzoekt", "bepaalt", "controleert", "meldt", "ontvangt",
         "verstrekt", "beëindigt", "herziet", "evalueert", "plant", "vraagt", "betaalt", "toetst"]
OBJECTS = ["de aanvraag voor een maatwerkvoorziening", "het gespreksverslag", "het ondersteuningsplan",
           "de omvang van de hulp bij het huishouden", "het persoonsgebonden budget", "de eigen bijdrage",
           "het beoogde resultaat", "de ingangsdatum van de beschikking", "de mogelijkheden van het sociale netwerk",
           "de inzet van algemene voorzieningen", "de duur van de ondersteuning", "het periodieke onderzoek",
           "de kwaliteit van de geleverde zorg", "de melding van de cliënt", "het budgetplan", "de zorgovereenkomst",
           "de overdracht aan de Wlz", "de woningaanpassing", "het vervoer naar de dagbesteding", "de respijtzorg"]
TAILS = ["binnen zes weken na de melding", "in overleg met de cliënt", "na afloop van het onderzoek",
         "voordat het college een besluit neemt", "als de situatie van de cliënt verandert", "ten minste eenmaal per jaar",
         "op grond van artikel {n} van de verordening", "met inachtneming van de beleidsregels {y}",
         "zodra de aanbieder dat meldt", "waarbij de eigen kracht voorop staat", "tenzij een spoedeisend belang dat vraagt",
         "en stuurt daarvan een afschrift aan de cliënt", "volgens de werkinstructie van {d} {m} {y}",
         "rekening houdend met de gebruikelijke hulp", "met een termijn van {n} weken", "voor een periode van {n} maanden"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
FILLER = ["bovendien", "daarnaast", "in dat geval", "in de regel", "zo nodig", "vervolgens", "ook", "daarbij"]


ADJECTIVES = ["nieuwe", "aangepaste", "schriftelijke", "tijdelijke", "volledige", "jaarlijkse", "eerste", "laatste",
              "gewijzigde", "aanvullende", "individuele", "gezamenlijke", "digitale", "voorlopige", "definitieve", "lokale"]
NOUNS = ["aanvraag", "melding", "beschikking", "rapportage", "evaluatie", "toekenning", "herbeoordeling", "offerte",
         "factuur", "verklaring", "machtiging", "planning", "afspraak", "klacht", "zienswijze", "toelichting",
         "overdracht", "registratie", "verantwoording", "begroting"]
TOPICS = ["hulp bij het huishouden", "begeleiding individueel", "dagbesteding", "beschermd wonen", "jeugdhulp",
          "een scootmobiel", "een traplift", "leerlingenvervoer", "respijtzorg", "schuldhulpverlening", "een rolstoel",
          "het pgb", "woningaanpassing", "kortdurend verblijf", "opvang", "mantelzorgondersteuning"]


def _object(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(OBJECTS)
    return f"de {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} voor {rng.choice(TOPICS)}"


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(n=rng.randint(1, 40), y=rng.randint(2008, 2024), d=rng.randint(1, 28),
                                    m=rng.choice(MONTHS))
    extra = f" {rng.choice(FILLER)}" if rng.random() < 0.5 else ""
    second = f", en {rng.choice(VERBS)} {_object(rng)}" if rng.random() < 0.6 else ""
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}{extra} {_object(rng)} {tail}{second}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(4, 6)))


def near_copy(text: str, rng: random.Random) -> str:
    """Re-wrapped, one word changed, sometimes one sentence replaced."""
    words = text.split()
    i = rng.randrange(len(words))
    words[i] = rng.choice(["drie", "twee", "tijdig", "schriftelijk", "direct"])
    out = " ".join(words)
    if rng.random() < 0.4:
        sents = out.split(". ")
        j = rng.randrange(len(sents))
        sents[j] = sentence(rng).rstrip(".")
        out = ". ".join(sents)
    width = rng.randint(50, 90)
    lines, line = [], ""
    for w in out.split():  # re-wrap
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join(lines + [line])


def corpus(n: int, seed: int) -> tuple[list[str], list[set[int]]]:
    rng = random.Random(seed)
    texts: list[str] = []
    planted: list[set[int]] = []
    originals = int(n * 0.98)
    texts = [paragraph(rng) for _ in range(originals)]
    while len(texts) < n:
        src = rng.randrange(originals)
        group = {src}
        for _ in range(1 if rng.random() < 0.7 else 2):
            if len(texts) < n:
                group.add(len(texts))
                texts.append(near_copy(texts[src], rng))
        planted.append(group)
    order = list(range(n))
    rng.shuffle(order)  # spread the copies
    pos = {old: new for new, old in enumerate(order)}
    return [texts[o] for o in order], [{pos[i] for i in g} for g in planted]


def all_pairs_groups(texts: list[str], m: Matcher) -> list[list[int]]:
    """The reference: every pair compared (cdist prefilter on ratio, then the same confirmation)."""
    norms = [normalise(t) for t in texts]
    scores = cdist(norms, norms, scorer=fuzz.ratio, score_cutoff=m.min_ratio, workers=1)
    g = nx.Graph()
    for i in range(len(norms)):
        for j in range(i + 1, len(norms)):
            if scores[i, j] >= m.min_ratio and m.similar(norms[i], norms[j]):
                g.add_edge(i, j)
    return sorted(sorted(c) for c in nx.connected_components(g))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 25000, 50000])
    ap.add_argument("--sample", type=int, default=1500, help="sections in the all-pairs comparison")
    args = ap.parse_args()
    m = Matcher()
    m.groups([paragraph(random.Random(1)) for _ in range(50)])  # warm up imports and caches
    times: dict[int, float] = {}
    print(f"{'secties':>8} {'seconden':>9} {'µs/sectie':>10} {'groepen':>8} {'geplant':>8} {'gevonden':>9}")
    for n in args.sizes:
        texts, planted = corpus(n, seed=n)
        t = time.perf_counter()
        groups = m.groups(texts)
        times[n] = time.perf_counter() - t
        found = {frozenset(g) for g in groups}
        hit = sum(1 for p in planted if frozenset(p) in found)
        print(f"{n:>8} {times[n]:>9.2f} {times[n] / n * 1e6:>10.1f} {len(groups):>8} {len(planted):>8} {hit:>9}")
    if 25000 in times and 50000 in times:
        r = times[50000] / times[25000]
        print(f"verhouding 50k/25k: {r:.2f} (doel <= 2.3: {'ok' if r <= 2.3 else 'TE HOOG'})")
    texts, planted = corpus(args.sample, seed=7)
    t = time.perf_counter()
    lsh = m.groups(texts)
    t_lsh = time.perf_counter() - t
    t = time.perf_counter()
    ref = all_pairs_groups(texts, m)
    t_all = time.perf_counter() - t
    same = lsh == ref
    print(f"steekproef {args.sample} secties: LSH {len(lsh)} groepen in {t_lsh:.2f} s, alle paren {len(ref)} groepen "
          f"in {t_all:.2f} s: {'zelfde groepen' if same else 'VERSCHIL'}")
    if not same:
        print("  alleen LSH:", [g for g in lsh if g not in ref][:5])
        print("  alleen alle paren:", [g for g in ref if g not in lsh][:5])
        sys.exit(1)


if __name__ == "__main__":
    main()
