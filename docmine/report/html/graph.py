"""The section "Verwijzingen tussen documenten": the references between documents and laws as
a drawing (inline SVG) and as a list."""

from __future__ import annotations

from collections import Counter

from ...model import AuditResult
from .markup import e, filter_box, safe_url

MAX_GRAPH_NODES = 120
_LAW_KINDS = ("wet", "law", "richtlijn", "guideline")
_GRAPH_WIDTH, _GRAPH_ROW = 900, 24
MAX_EDGE_ROWS = 400


def _node_kind(n: dict) -> str:
    return str(n.get("kind") or n.get("type") or n.get("group") or "document")


def _node_label(n: dict) -> str:
    return str(n.get("label") or n.get("name") or n.get("title") or n["id"])


def _graph_layout(shown: list[dict]) -> tuple[dict[str, tuple[float, float]], float, set[str]]:
    """Two columns: documents on the left, laws and guidelines on the right. Returns each node's
    position, the height and the ids in the right column."""
    docs = [n for n in shown if _node_kind(n) not in _LAW_KINDS]
    others = [n for n in shown if _node_kind(n) in _LAW_KINDS]
    height = max(len(docs), len(others), 1) * _GRAPH_ROW + 30
    pos: dict[str, tuple[float, float]] = {}
    for col, xs in ((docs, 300), (others, _GRAPH_WIDTH - 300)):
        off = (height - len(col) * _GRAPH_ROW) / 2
        for i, n in enumerate(sorted(col, key=lambda n: _node_label(n).lower())):
            pos[str(n["id"])] = (xs, off + i * _GRAPH_ROW + _GRAPH_ROW / 2)
    return pos, height, {str(n["id"]) for n in others}


def _edge_is_bad(x: dict, target: dict) -> bool:
    return bool(x.get("broken") or x.get("repealed") or x.get("severity") in ("error", "warning")
                or (x.get("relation", "verwijst") == "verwijst" and (target.get("repealed") or target.get("broken"))))


def _edge_path(p1: tuple[float, float], p2: tuple[float, float]) -> str:
    """Arrows go left to right; a reference between documents bends out to the right of their column."""
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2:
        bend = min(180, 30 + abs(y2 - y1) / 3)
        return f"M {x1 + 8:.1f} {y1:.1f} C {x1 + bend:.1f} {y1:.1f}, {x2 + bend:.1f} {y2:.1f}, {x2 + 9:.1f} {y2:.1f}"
    cx = _GRAPH_WIDTH / 2
    return f"M {x1 + 8:.1f} {y1:.1f} C {cx:.1f} {y1:.1f}, {cx:.1f} {y2:.1f}, {x2 - 9:.1f} {y2:.1f}"


def _node_svg(n: dict, xy: tuple[float, float], law: bool) -> str:
    x, y = xy
    lab = _node_label(n)
    short = lab if len(lab) <= 40 else lab[:39] + "…"
    right = x >= _GRAPH_WIDTH / 2
    cls = ("law" if law else "doc") + (" bad" if n.get("repealed") or n.get("broken") else "")
    node = (f'<g class="node {cls}"><title>{e(lab)} ({e(_node_kind(n))})</title><circle cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
            f'<text x="{x + (12 if right else -12):.1f}" y="{y + 4:.1f}" text-anchor="{"start" if right else "end"}">{e(short)}</text></g>')
    url = safe_url(n.get("url"))  # a law: its text on wetten.overheid.nl
    return f'<a href="{e(url)}" rel="noopener noreferrer">{node}</a>' if url else node


def _edge_list(rows: list[str], nedges: int) -> str:
    if not rows:
        return ""
    shown_rows = "" if len(rows) == nedges else f" (de eerste {len(rows)})"
    return (filter_box("verwijzingen-lijst", "Zoek een verwijzing", "document of wet, bijv. AWBZ")
            + '<details class="block edge-list" id="verwijzingen-lijst-blok"><summary><strong>Alle verwijzingen als lijst'
            f' ({nedges}){shown_rows}</strong></summary>'
            + '<div class="table-wrap"><table id="verwijzingen-lijst"><thead><tr><th scope="col">Van</th><th scope="col">Soort</th>'
            f'<th scope="col">Naar</th><th scope="col"></th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></details>')


def reference_graph(result: AuditResult) -> str:
    """The references between documents and laws as a drawing (closed) and as a list (closed,
    with a search field)."""
    g = result.graph or {}
    nodes = [n for n in g.get("nodes", []) if isinstance(n, dict) and "id" in n]
    edges = [x for x in (g.get("links") or g.get("edges") or []) if isinstance(x, dict)]
    if not nodes:
        return "<p>Geen verwijzingen tussen documenten gevonden.</p>"
    shown = _most_connected(nodes, edges)
    pos, height, laws = _graph_layout(shown)
    rows, paths, nbad = _edges(edges, {str(n["id"]): n for n in nodes}, pos)
    svg = (f'<svg class="graph" role="img" aria-labelledby="graph-title" viewBox="0 0 {_GRAPH_WIDTH} {height:.0f}" width="{_GRAPH_WIDTH}" '
           f'height="{height:.0f}" xmlns="http://www.w3.org/2000/svg"><title id="graph-title">Verwijzingen tussen documenten en wetten</title>'
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
           '<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>'
           + "".join(paths) + "".join(_node_svg(n, pos[str(n["id"])], str(n["id"]) in laws) for n in shown) + "</svg>")
    note = (f"<p class=muted>Alleen de {MAX_GRAPH_NODES} meest verbonden van {len(nodes)} knopen getekend.</p>"
            if len(nodes) > MAX_GRAPH_NODES else "")
    legend = ('<p class="legend"><span class="dot doc"></span> document <span class="dot law"></span> wet of richtlijn '
              '<span class="line bad"></span> verwijzing met een probleem (vervallen wet, artikel bestaat niet)</p>')
    return (f'<details class="block" id="graaf"><summary><strong>Graaf van {len(nodes)} documenten, wetten en richtlijnen, '
            f'{len(edges)} verwijzingen</strong>' + (f' <span class="badge sev-warning">{nbad} met een probleem</span>' if nbad else "")
            + f'</summary>{legend}<div class="graph-wrap">{svg}</div>{note}</details>{_edge_list(rows, len(edges))}')


def _most_connected(nodes: list[dict], edges: list[dict]) -> list[dict]:
    """The ``MAX_GRAPH_NODES`` nodes with the most references to or from them (ties by id)."""
    degree = Counter()
    for x in edges:
        degree[str(x.get("source"))] += 1
        degree[str(x.get("target"))] += 1
    return sorted(nodes, key=lambda n: (-degree[str(n["id"])], str(n["id"])))[:MAX_GRAPH_NODES]


def _edges(edges: list[dict], by_id: dict[str, dict],
           pos: dict[str, tuple[float, float]]) -> tuple[list[str], list[str], int]:
    """The list's rows (the first ``MAX_EDGE_ROWS``), the drawing's arrows (between drawn nodes)
    and how many references have a problem."""
    rows: list[str] = []
    paths: list[str] = []
    nbad = 0
    for x in edges:
        s, t = str(x.get("source")), str(x.get("target"))
        bad = _edge_is_bad(x, by_id.get(t, {}))
        nbad += bad
        if len(rows) < MAX_EDGE_ROWS:
            rows.append(_edge_row(x, s, t, by_id.get(t, {}), bad))
        if s in pos and t in pos and s != t:
            paths.append(f'<path d="{_edge_path(pos[s], pos[t])}" class="edge{" bad" if bad else ""}" marker-end="url(#arrow)">'
                         f'<title>{e(s)} → {e(t)}</title></path>')
    return rows, paths, nbad


def _edge_row(x: dict, s: str, t: str, target: dict, bad: bool) -> str:
    what = str(x.get("relation") or x.get("kind") or x.get("type") or x.get("label") or "")
    url = safe_url(target.get("url"))  # a law: its text on wetten.overheid.nl
    to = f'<a href="{e(url)}" rel="noopener noreferrer">{e(t)}</a>' if url else e(t)
    return (f'<tr data-filter-item{" class=bad" if bad else ""}><td class="path">{e(s)}</td><td>{e(what)}</td><td class="path">{to}</td>'
            f'<td>{"let op" if bad else ""}</td></tr>')
