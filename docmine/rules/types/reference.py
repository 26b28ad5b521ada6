"""Rule type ``reference``: references that point nowhere, or to something stale.

One sub-check per rule (``check:``) in ``rules/verwijzingen.yml``:

- ``artikel``: "artikel 31" in a verordening of 26 articles; "artikel 5, vierde lid" when
  artikel 5 has two leden; an onderdeel that the lid does not have;
- ``wet``: a citation of a repealed law (``docmine.extract.laws.LAWS``: repeal date and
  successor). By default only citations of an *article* of that law (``artikel 2 van de Wet op
  de jeugdzorg``) in a document dated after the repeal: the bare word (AWBZ), and the stale
  mention in an older document, are the term pack's findings;
- ``richtlijn``: a guideline older than ``max_age_years`` ("Richtlijn HH 2013");
- ``definitie-ongebruikt``: a term defined in the Begripsbepalingen and used nowhere else;
- ``definitie-verschil`` (corpus level): one term defined differently in two documents.

Example (YAML)::

    - id: verwijzing-artikel-bestaat-niet
      type: reference
      check: artikel
      severity: error
      message: "{ref} verwijst naar iets dat niet in dit document staat: {detail}"
"""

from __future__ import annotations

import re
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ...extract import nlp
from ...extract.laws import LAWS
from ...model import Clause, Document, Finding, Reference
from ...vocabulary import current, words
from ..base import EXCERPT_MAX, Context, RuleType, make_finding
from ..registry import register
from ...text import fill, normalise, normalised_words
from ..corpus import DEFAULT_TEMPLATE_TYPES, ordered_documents, version_groups


class ReferenceParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: Literal["artikel", "wet", "richtlijn", "definitie-ongebruikt", "definitie-verschil"]
    max_age_years: int = 5  # richtlijn
    relative_to: Literal["today", "document"] = "today"  # richtlijn: age counted to when
    require_article: bool = True  # wet: only citations of an article or a legal basis
    threshold: float = 75.0  # definitie-verschil: below this similarity the definitions differ
    same_law: bool = True  # definitie-verschil: only compare documents under the same law
    skip_versions: bool = True  # definitie-verschil: editions of one document are the versies rule's


def _norm_art(n: str | None) -> str:
    return (n or "").strip().rstrip(".").lower().replace(":", ".")


def _ref_span(doc: Document, clause: Clause, ref: Reference) -> tuple[int, int]:
    """The reference's span in ``doc.text`` (absolute, or relative to the clause as a fallback)."""
    if 0 <= ref.start <= ref.end <= len(doc.text) and doc.text[ref.start:ref.end] == ref.text:
        return ref.start, ref.end
    s = clause.start + ref.start
    if doc.text[s:s + len(ref.text)] == ref.text:
        return s, s + len(ref.text)
    i = doc.text.find(ref.text, clause.start, clause.end) if ref.text else -1
    if i >= 0:
        return i, i + len(ref.text)
    return ref.start, ref.end


def references(doc: Document, kind: str) -> list[tuple[Clause, Reference, int, int]]:
    """Each reference of ``kind`` once (a reference may hang on an artikel and on its lid),
    with the innermost clause holding it and its span in ``doc.text``."""
    seen: dict[tuple[int, int], tuple[Clause, Reference, int, int]] = {}
    for c in doc.clauses:
        for r in c.references:
            if r.kind != kind:
                continue
            s, e = _ref_span(doc, c, r)
            prev = seen.get((s, e))
            if prev is None or (c.end - c.start) < (prev[0].end - prev[0].start):
                seen[(s, e)] = (c, r, s, e)
    return [seen[k] for k in sorted(seen)]


def _article_index(doc: Document) -> dict[str, tuple[Clause, dict[str, set[str]]]]:
    """artikel number -> (clause, {lid number (or "" for the article itself): onderdelen}).

    Leden and onderdelen in one pass, each parent's article and each article's key looked up
    once (was two passes with a parent walk and a ``_norm_art`` per clause: ~0.23 -> ~0.1 ms
    per verordening; the sets are the same, only membership and sizes are read)."""
    clauses = doc.clauses
    by_id = {c.id: c for c in clauses}
    arts: dict[str, tuple[Clause, dict[str, set[str]]]] = {}
    for c in clauses:
        if c.kind == "artikel" and c.number:
            arts.setdefault(_norm_art(c.number), (c, {}))
    if not arts:
        return arts
    leden_of: dict[str, dict[str, set[str]] | None] = {}  # parent id -> its article's leden

    def leden(pid: str) -> dict[str, set[str]] | None:
        p = by_id.get(pid)
        while p is not None and p.kind != "artikel":
            p = by_id.get(p.parent or "")
        out = arts[_norm_art(p.number)][1] if p is not None and p.number else None
        leden_of[pid] = out
        return out

    for c in clauses:
        kind = c.kind
        if (kind == "lid" or kind == "onderdeel") and c.number:
            pid = c.parent or ""
            ls = leden_of[pid] if pid in leden_of else leden(pid)
            if ls is None:
                continue
            if kind == "lid":
                ls.setdefault(c.number.strip().rstrip("."), set())
            else:
                parent = by_id.get(pid)
                lid = parent.number.strip().rstrip(".") if parent is not None and parent.kind == "lid" and parent.number else ""
                ls.setdefault(lid, set()).add(c.number.strip().rstrip(".)").lower())
    return arts


# "artikel 10 van de verordening", "artikel 4 van het Besluit ...": an article of another regulation
_OTHER_REGULATION = re.compile(
    r"\s*,?\s*(?:(?:aanhef\s+en\s+)?(?:onder|sub)\s+\w+\s*,?\s*)?(?:van|uit)\s+(?:de|het)\s+"
    r"(?:verordening|besluit|beleidsregels?|nadere\s+regels|regeling|\w*wet(?:boek)?)\b", re.I)

def _number_key(n: str) -> tuple:
    """"10a" -> ((10,), "a"); "2.3.2" -> ((2, 3, 2), "")."""
    m = re.match(r"(\d+(?:[.:]\d+)*)(\D*)", n)
    if not m:
        return ((), n)
    return tuple(int(x) for x in re.split(r"[.:]", m.group(1))), m.group(2)


def _in_gap(arts: dict, number: str) -> bool:
    """``number`` lies between two articles of its series ("25" with 24 and 26, "2.4" with 2.3
    and 2.5): a repealed article that a range may still span."""
    key = _number_key(number)
    series = [_number_key(k) for k in arts if _number_key(k)[0][:-1] == key[0][:-1]]
    return any(k < key for k in series) and any(k > key for k in series)


def _depth(n: str) -> int:
    return len(re.findall(r"[.:]\d", n))


def _checkable(doc: Document, s: int, e: int, exists: bool, arts: dict | None = None, clause: Clause | None = None) -> bool:
    """Whether a reference into this document can be held against its articles, as a lawyer
    would. Never inside a quotation of another text, nor (when missing) in another regulation's
    article quoted after "Artikel 13 Besluit ...:" or numbered unlike this document's articles
    ("artikel 2.12" in a document of articles 1 to 6). Outside the articles of a municipal
    regulation (national legislation, an annex, an explanation, which cite other texts freely) also
    not in a provision on repeal, entry into force or earlier wording (``verwijzing_overgang`` in
    the vocabulary: such provisions name articles that are gone), nor, when missing, in a sentence
    that cites an article of another regulation (it is, most likely, that one's). In a municipal
    regulation's own articles an article without a law named is that regulation's."""
    text = doc.text
    if nlp.in_quotation(text, s, e):
        return False
    loose = bool((doc.metadata or {}).get("soort")) or (clause is not None and ("#bijlage" in clause.id or "#toelichting" in clause.id))
    ss, se = nlp.sentence_bounds(text, s, e)
    if loose and _transition_cues().search(text, ss, se):
        return False
    if exists:
        return True
    if arts:
        parts = text[s:e].split()
        main = {_depth(k) for k, (c, _) in arts.items() if "#bijlage" not in c.id and "#toelichting" not in c.id}
        if _depth(parts[1] if len(parts) > 1 else "") not in (main or {_depth(k) for k in arts}):
            return False
        if _QUOTED_ARTICLE.search(text, max(0, s - 1500), s):
            return False
    if loose:
        for c in doc.clauses:
            for r in c.references:
                if r.kind in ("wet", "document") and r.artikel and ss <= r.start < se:
                    return False
    return True


# "Artikel 13 Besluit zorgaanspraken AWBZ:" on a line of its own, then that article's text
_QUOTED_ARTICLE = re.compile(r"(?m)^[ \t]*(?:\d+\.\s*)?Artikel\s+\d+[\w.:]*\s+(?:van\s+(?:de|het)\s+)?[A-Z][^\n:]{1,80}:[ \t]*$")


def _transition_cues() -> re.Pattern[str]:
    return current().derived("reference.transition", lambda voc: re.compile(
        r"(?i)\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words("verwijzing_overgang", voc)) + r")\b"
        if words("verwijzing_overgang", voc) else r"(?!)"))


_ORD = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde", 6: "zesde", 7: "zevende",
        8: "achtste", 9: "negende", 10: "tiende"}


def _outside_texts(text: str, spans: list[tuple[int, int]],
                   words: list[list[bytes] | None] | None = None) -> tuple[str | None, list[tuple[str, int, int]]]:
    """For each span ``(start, end)``: ``(s, b, a)`` such that ``s[:b]`` is
    ``normalise(text[:start])`` and ``s[a:]`` is ``normalise(text[end:])``.

    The text is normalised once, in pieces cut at the spans' ends (was: the whole text twice per
    definition, ~1 ms per verordening), and all spans share that one string ``s``. Cutting is
    exact when every cut lies next to whitespace (no word cut in two); otherwise (never seen in
    the corpora) each span gets its own ``before + " \\x00 " + after`` as before. Also returns
    ``normalise(text)`` when it was made on the way (else None); then ``words``, if given, gets
    the words of each piece (``normalised_words``; None for a piece with non-ASCII letters).

    >>> _outside_texts("Zie: een ding.\\nHet begrip geldt.", [(5, 14)])
    ('zie een ding het begrip geldt', [('zie een ding het begrip geldt', 3, 13)])
    """
    n = len(text)
    cuts = sorted({0, n}.union(*spans))
    if cuts[0] < 0 or cuts[-1] > n or any(0 < x < n and not (text[x - 1].isspace() or text[x].isspace()) for x in cuts):
        out = []
        for s, e in spans:
            before = normalise(text[:s])
            out.append((before + " \x00 " + normalise(text[e:]), len(before), len(before) + 3))
        return None, out
    made = [normalised_words(text[a:b]) for a, b in zip(cuts, cuts[1:])]
    pieces = [p for p, _ in made]
    if words is not None:
        words.extend(w for _, w in made)
    full = " ".join(p for p in pieces if p)
    head = [0]  # head[k]: length of the pieces before cut k, joined
    for p in pieces:
        head.append(head[-1] + (len(p) + (1 if head[-1] else 0) if p else 0))
    tail = [0]  # tail[k] (reversed): length of the pieces from cut k on, joined
    for p in reversed(pieces):
        tail.append(tail[-1] + (len(p) + (1 if tail[-1] else 0) if p else 0))
    tail.reverse()
    at = {x: i for i, x in enumerate(cuts)}
    return full, [(full, head[at[s]], len(full) - tail[at[e]]) for s, e in spans]


def _defined_term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in normalise(term).split()]
    return re.compile(r"\s+".join(words))


def _term_variants(term: str) -> list[str]:
    """The names a definition gives: "persoonsgebonden budget (pgb)" -> the words and "pgb";
    "persoonsgegevens, verwerking, onderscheidenlijk bestand" -> each of them."""
    out = []
    base = re.sub(r"\s*\(([^()]*)\)", " ", term).strip()
    out += [a.strip() for a in re.findall(r"\(([^()]*)\)", term) if a.strip()]
    if "," in base:
        out += [p.strip() for p in re.split(r",|\b(?:onderscheidenlijk|respectievelijk|en|of)\b", base) if p.strip()]
    else:
        out.insert(0, base)
    return [v for v in out if normalise(v)]


def _inflected(word: str) -> str:
    """A pattern for a Dutch word and its regular inflections: "sociaal" also "sociale(n)",
    "komend" "komende", "budget" "budgetten", "actief" "actieve", "kind" "kinderen",
    "verwerken" "verwerkt"."""
    forms = {word, word + "s"}
    if len(word) >= 3 and word.isalpha():
        stems = {word}
        m = re.fullmatch(r"(.+)([aeou])\2([^aeiou])", word)  # sociaal -> social(e), groot -> grot(e)
        if m:
            stems.add(m.group(1) + m.group(2) + m.group(3))
        m = re.fullmatch(r".*[^aeiou][aeiou]([bdfgklmnprst])", word)  # budget -> budgett(en)
        if m:
            stems.add(word + m.group(1))
        if word.endswith("f"):
            stems.add(word[:-1] + "v")
        if word.endswith("s"):
            stems.add(word[:-1] + "z")
        forms |= {st + end for st in stems for end in ("e", "en", "er", "ere", "eren")}  # kind -> kinderen
        if word.endswith("en") and len(word) > 4:  # a verb: verwerken -> verwerkt, verwerkte
            stem = re.sub(r"([^aeiou])\1$", r"\1", word[:-2])
            forms |= {stem + end for end in ("", "t", "te", "ten", "d", "de", "den")}
    return "(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")"


def _term_used(term: str, norm: str, before: int, after: int) -> bool:
    """Whether a defined term is used in ``norm`` outside ``[before, after)`` (the definition):
    as written, inflected ("sociale netwerk", "ten laste komende kinderen"), joined into one word
    ("zorgzwaartepakket"), by its abbreviation ("pgb"), or, for a term of several content words,
    with all of them close together in another order ("persoonsgegevens worden verwerkt")."""
    def found(rx: re.Pattern[str], word_start: bool = False) -> bool:
        return (_search(norm, rx, 0, before, word_start) is not None
                or _search(norm, rx, after, len(norm), word_start) is not None)

    variants = _term_variants(term)
    if any(found(_defined_term_pattern(v)) for v in variants):
        return True
    for v in variants:
        words = normalise(v).split()
        if found(re.compile(r"[\s-]?".join(_inflected(w) for w in words)), word_start=True):
            return True
        content = [w for w in words if len(w) >= 4 and not nlp.is_stop_word(w)]
        if len(content) >= 2 and _close_together(norm, before, after, [re.compile(r"\b" + _inflected(w)) for w in content]):
            return True
    return False


def _search(text: str, rx: re.Pattern[str], pos: int, endpos: int, word_start: bool) -> re.Match[str] | None:
    """``rx.search(text, pos, endpos)``; with ``word_start`` the first match that starts at a word
    boundary (as ``\\b`` in front of ``rx``, but ``re`` skips to the letters ``rx`` starts with
    instead of trying the boundary at every place)."""
    m = rx.search(text, pos, endpos)
    while word_start and m is not None and _is_word(text, m.start() - 1) == _is_word(text, m.start()):
        m = rx.search(text, m.start() + 1, endpos)
    return m


def _is_word(text: str, i: int) -> bool:
    """Is ``text[i]`` a word character (as ``\\w``); outside the text: no."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _close_together(norm: str, before: int, after: int, rxs: list[re.Pattern[str]], reach: int = 100) -> bool:
    """All of ``rxs`` within ``reach`` characters of one match of the first, outside the definition."""
    for m in rxs[0].finditer(norm):
        lo, hi = max(0, m.start() - reach), min(len(norm), m.end() + reach)
        if hi > before and lo < after:
            continue  # the window would reach into the definition
        if all(rx.search(norm, lo, hi) for rx in rxs[1:]):
            return True
    return False


@register("reference")
class ReferenceRule(RuleType):
    """References to missing articles, repealed laws, old guidelines; unused or drifting definitions.

    Example: "zie artikel 31" in a verordening with 26 articles -> error on that reference.
    """

    level = "document"
    Params = ReferenceParams

    def __init__(self, rule) -> None:
        super().__init__(rule)
        # only the cross-document definition check needs the whole corpus
        self.level = "corpus" if self.params.check == "definitie-verschil" else "document"

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        check = self.params.check.replace("-", "_")
        return getattr(self, "_" + check)(doc, ctx)

    def check_corpus(self, docs: list[Document], ctx: Context) -> Iterable[Finding]:
        if self.params.check != "definitie-verschil":
            return [f for d in docs for f in self.check_document(d, ctx)]
        return self._definitie_verschil(docs)

    def _finding(self, doc: Document, s: int, e: int, clause: Clause | None, ref: str, detail: str,
                 related=None, severity=None) -> Finding:
        msg = fill(self.rule.message, ref=ref, detail=detail)
        if "{detail}" not in self.rule.message:
            msg = f"{msg} ({detail})"
        return make_finding(self.rule, doc, s, e, clause=clause, message=msg, related=related, severity=severity)

    # -- artikel

    def _artikel(self, doc: Document, ctx: Context) -> list[Finding]:
        refs = references(doc, "artikel")
        if not refs:  # no index needed (half of the verordeningen of the text corpus)
            return []
        arts = _article_index(doc)
        if not arts:
            return []
        out = []
        missing: dict[str, Finding] = {}  # one finding per missing article, with the count
        counts: dict[str, int] = {}
        for clause, ref, s, e in refs:
            n = _norm_art(ref.artikel)
            if not n or clause.kind == "considerans" or _OTHER_REGULATION.match(doc.text, e):
                continue  # the considerans cites the laws the regulation rests on
            if "-" in n:  # a range: its ends must be here, or lie in a gap of the numbering (repealed)
                gone = [x for x in n.split("-", 1) if x not in arts and not _in_gap(arts, x)]
                if gone and _checkable(doc, s, e, False, None, clause):
                    out.append(self._finding(doc, s, e, clause, ref.text,
                                             f"artikel {gone[0]} bestaat niet; dit document telt {len(arts)} artikelen"))
                continue
            if not _checkable(doc, s, e, n in arts, arts, clause):
                continue
            if n not in arts and n in missing:
                counts[n] += 1
                continue
            detail = _missing_part(ref, n, arts)
            if detail:
                out.append(self._finding(doc, s, e, clause, ref.text, detail))
                if n not in arts:
                    missing[n], counts[n] = out[-1], 1
        for n, f in missing.items():
            count = counts[n]
            if count > 1:
                f.message = f"{f.message} ({count} verwijzingen naar dit artikel)"
                f.fingerprint = f.compute_fingerprint()
        return out

    # -- wet

    def _wet(self, doc: Document, ctx: Context) -> list[Finding]:
        out = []
        for clause, ref, s, e in references(doc, "wet"):
            law = LAWS.get(ref.law or "")
            if law is None or law.repealed is None or law.repealed > ctx.today:
                continue
            if self.params.require_article and not ref.artikel:
                continue  # the bare name is the term pack's finding; this is about citations
            if doc.date and doc.date < law.repealed:
                continue  # right when written; the term pack reports it as stale
            new = LAWS.get(law.successor or "")
            successor = f"; gebruik de {law.successor}" + (f" ({new.url})" if new is not None and new.url else "") if law.successor else ""
            detail = f"de {law.name} is per {law.repealed.strftime('%d-%m-%Y')} vervallen{successor}"
            severity = None
            out.append(self._finding(doc, s, e, clause, ref.text, detail, severity=severity))
        return out

    # -- richtlijn

    def _richtlijn(self, doc: Document, ctx: Context) -> list[Finding]:
        if self.params.relative_to == "document" and doc.date:
            base = doc.date
        else:
            base = ctx.today
        out = []
        seen: set[str] = set()
        for clause, ref, s, e in references(doc, "richtlijn"):
            if not ref.year or base.year - ref.year <= self.params.max_age_years:
                continue
            key = normalise(ref.text)
            if key in seen:  # one finding per guideline per document
                continue
            seen.add(key)
            first = doc.text.find(ref.text)  # e.g. the annex heading that holds the guideline
            if 0 <= first < s:
                s, e, clause = first, first + len(ref.text), None
            detail = f"de richtlijn is van {ref.year}, {base.year - ref.year} jaar oud (grens: {self.params.max_age_years} jaar)"
            out.append(self._finding(doc, s, e, clause, ref.text, detail))
        return out

    # -- definitions

    def _definitie_ongebruikt(self, doc: Document, ctx: Context) -> list[Finding]:
        defs = [c for c in doc.clauses if c.kind == "definitie" and (c.attrs or {}).get("term")]
        if not defs:
            return []
        _, outside = _outside_texts(doc.text, [(d.start, d.end) for d in defs])
        out = []
        for d, (norm, before, after) in zip(defs, outside):
            term = str(d.attrs["term"])
            # the text outside this definition, folded like the term: norm[:before] and
            # norm[after:] (a match cannot span the definition; searched without slicing)
            if _term_used(term, norm, before, after):
                continue
            detail = f"'{term}' wordt gedefinieerd maar verder nergens in het document gebruikt"
            out.append(self._finding(doc, d.start, d.end, d, term, detail))
        return out

    def _definitie_verschil(self, docs: list[Document]) -> list[Finding]:
        version_of: dict[str, int] = {}  # path -> its version group (editions are not compared)
        if self.params.skip_versions:
            # sorted and without empty texts, like the duplicate rules: one shared computation
            ordered = ordered_documents(docs)
            for gi, g in enumerate(version_groups(ordered, template_types=DEFAULT_TEMPLATE_TYPES)):
                version_of.update((d.path, gi) for d in g)
        threshold = self.params.threshold
        scores: dict[tuple[str, str], float] = {}

        def differs(a: str, b: str) -> bool:
            # once per distinct pair of definition texts: most documents copy a model text
            key = (a, b) if a <= b else (b, a)
            score = scores.get(key)
            if score is None:
                score = scores[key] = fuzz.token_sort_ratio(a, b, score_cutoff=threshold)
            return score < threshold

        def compared(doc: Document, other: Document) -> bool:
            if other.path == doc.path:
                return False
            if doc.path in version_of and version_of[doc.path] == version_of.get(other.path):
                return False
            return not (self.params.same_law and doc.law and other.law and doc.law != other.law)

        out = []
        for _, entries in sorted(_definitions_by_term(docs).items()):
            if len(entries) < 2:
                continue
            by_body: dict[str, list[int]] = {}
            for i, (_, _, body) in enumerate(entries):
                by_body.setdefault(body, []).append(i)
            # each document's definition gets its own finding: each document has to be fixed
            for doc, clause, body in entries:
                differing_idx = [i for obody, idxs in by_body.items() if differs(body, obody)
                                 for i in idxs if compared(doc, entries[i][0])]
                if differing_idx:
                    out.append(self._differing_definition(doc, clause, [entries[i][:2] for i in sorted(differing_idx)]))
        return out

    def _differing_definition(self, doc: Document, clause: Clause, differing: list[tuple[Document, Clause]]) -> Finding:
        names = ", ".join(d.path for d, _ in differing)
        detail = f"'{clause.attrs['term']}' wordt anders gedefinieerd in {names}"
        related = [{"document": d.path, "clause": c.id, "excerpt": c.text[:EXCERPT_MAX]} for d, c in differing]
        return self._finding(doc, clause.start, clause.end, clause, str(clause.attrs["term"]), detail, related=related)


def _definitions_by_term(docs: list[Document]) -> dict[str, list[tuple[Document, Clause, str]]]:
    """Normalised term -> (document, definition clause, definition body) of each document that
    defines it (its first definition; national legislation left out: it defines its terms for
    itself, not the municipality's to align)."""
    by_term: dict[str, list[tuple[Document, Clause, str]]] = {}
    # most documents copy a model text: each distinct term and definition normalised once
    # (1,433 text files: 1,350 definitions, 5 distinct; definitie-verschil 15.3-17.4 -> 11.8-12.5 ms)
    keys: dict[str, str] = {}
    bodies: dict[tuple[str, str], str] = {}
    for doc in sorted(docs, key=lambda d: d.path):
        if (doc.metadata or {}).get("soort"):
            continue
        seen_terms: set[str] = set()
        for c in doc.clauses:
            term = (c.attrs or {}).get("term") if c.kind == "definitie" else None
            if not term:
                continue
            term = str(term)
            key = keys.get(term)
            if key is None:
                key = keys[term] = normalise(term)
            if key in seen_terms:
                continue
            seen_terms.add(key)
            body = bodies.get((c.text, term))
            if body is None:
                body = bodies[(c.text, term)] = _definition_body(c.text, term)
            by_term.setdefault(key, []).append((doc, c, body))
    return by_term


def _missing_part(ref, n: str, arts: dict) -> str | None:
    """What a reference to article ``n`` names that the document lacks: the article, its lid
    or its onderdeel (None: all there)."""
    if n not in arts:
        return f"artikel {ref.artikel} bestaat niet; dit document telt {len(arts)} artikelen"
    leden = arts[n][1]
    numbered = sorted((k for k in leden if k), key=lambda x: (len(x), x))
    if ref.lid is not None and str(ref.lid) not in leden and not (ref.lid == 1 and not numbered):
        count = len(numbered) or 1
        word = _ORD.get(ref.lid, f"{ref.lid}e")
        return f"artikel {ref.artikel} heeft geen {word} lid; het heeft {count} {'lid' if count == 1 else 'leden'}"
    if not ref.onderdeel:
        return None
    key = str(ref.lid) if ref.lid is not None else ""
    onderdelen = leden.get(key) or (set().union(*leden.values()) if leden and ref.lid is None else set())
    if onderdelen and ref.onderdeel.lower().rstrip(".)") not in onderdelen:
        where = f"artikel {ref.artikel}" + (f", {_ORD.get(ref.lid, ref.lid)} lid" if ref.lid else "")
        return f"{where} heeft geen onderdeel {ref.onderdeel}"
    return None


def _definition_body(text: str, term: str) -> str:
    """The definition without its leading label (``a. maatwerkvoorziening:``), normalised."""
    t = re.sub(r"^\s*(?:[a-z]{1,2}|\d+)[.)]\s+", "", text.strip())
    norm = normalise(t)
    nt = normalise(term)
    if norm.startswith(nt):
        norm = norm[len(nt):]
    return norm.strip()
