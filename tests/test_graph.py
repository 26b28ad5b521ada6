"""build_graph: documents, laws, references and duplicate/version groups as JSON node-link data."""

from __future__ import annotations

import json

from docmine.graph import build_graph
from docmine.model import Clause, Document, Finding, Reference


def _doc(path: str, refs: list[Reference], law: str | None = "Wmo", title: str | None = None) -> Document:
    text = "Tekst " * 20
    c = Clause(f"{path}#art1", "artikel", text, 0, len(text), number="1", references=refs)
    return Document(path=path, format="txt", text=text, type="verordening", law=law, title=title, clauses=[c])


def test_graph_documents_laws_and_references():
    a = _doc("verordening.txt", [Reference("wet", "AWBZ", 0, 4, law="AWBZ"),
                                 Reference("wet", "AWBZ", 10, 14, law="AWBZ"),
                                 Reference("wet", "artikel 2.3.2 Wmo 2015", 20, 30, law="Wmo 2015", artikel="2.3.2"),
                                 Reference("document", "Beleidsregels Wmo Lindenwaard", 40, 60)])
    b = _doc("beleidsregels.txt", [], title="Beleidsregels Wmo Lindenwaard")
    g = build_graph([a, b], [])
    json.dumps(g)  # plain JSON
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["wet:AWBZ"]["kind"] == "law" and nodes["wet:AWBZ"]["repealed"] == "2015-01-01"
    assert nodes["wet:AWBZ"]["successor"] == "Wlz"
    assert nodes["verordening.txt"]["kind"] == "document"
    links = {(l["source"], l["target"]): l for l in g["links"]}
    assert links[("verordening.txt", "wet:AWBZ")]["count"] == 2
    assert links[("verordening.txt", "wet:Wmo 2015")]["relation"] in ("verwijst", "grondslag")
    assert links[("verordening.txt", "beleidsregels.txt")]["relation"] == "verwijst"
    assert ("beleidsregels.txt", "verordening.txt") not in links


def test_graph_duplicate_and_version_groups():
    docs = [_doc(p, [], law=None) for p in ("a.txt", "b.txt", "c.txt", "v2018.txt", "v2020.txt")]
    dup = Finding(rule="dubbel-document", type="duplicate", severity="warning", message="", document="a.txt",
                  related=[{"document": "b.txt"}, {"document": "c.txt"}])
    ver = Finding(rule="versies", type="duplicate", severity="warning", message="", document="v2020.txt",
                  related=[{"document": "v2018.txt"}])
    other = Finding(rule="awbz", type="term", severity="error", message="", document="a.txt")
    g = build_graph(docs, [dup, ver, other])
    rel = {(l["source"], l["target"]): l["relation"] for l in g["links"]}
    assert rel == {("a.txt", "b.txt"): "duplicaat", ("a.txt", "c.txt"): "duplicaat", ("v2018.txt", "v2020.txt"): "versie"}


def test_graph_empty_corpus():
    g = build_graph([], [])
    assert g["nodes"] == [] and g["links"] == []


def test_graph_is_networkx_node_link_data():
    """findings.json's graph reads back with networkx, attributes and all."""
    import networkx as nx

    a = _doc("verordening.txt", [Reference("wet", "AWBZ", 0, 4, law="AWBZ"),
                                 Reference("document", "Beleidsregels Wmo Lindenwaard", 40, 60)])
    b = _doc("beleidsregels.txt", [], title="Beleidsregels Wmo Lindenwaard")
    dup = Finding(rule="dubbel-document", type="duplicate", severity="warning", message="", document="beleidsregels.txt",
                  related=[{"document": "verordening.txt"}])
    data = build_graph([a, b], [dup])
    g = nx.node_link_graph(data, edges="links")
    assert g.is_directed() and not g.is_multigraph()
    assert set(g.nodes) == {"verordening.txt", "beleidsregels.txt", "wet:AWBZ", "wet:Wmo 2015"}
    assert g.nodes["wet:AWBZ"]["repealed"] == "2015-01-01"
    assert g.edges["verordening.txt", "wet:AWBZ"]["relation"] == "verwijst"
    assert g.edges["beleidsregels.txt", "verordening.txt"]["relation"] == "duplicaat"
    assert nx.node_link_data(g, edges="links") == data  # the same data, in the same order
