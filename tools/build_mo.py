"""Compile a gettext .po file into the .mo file Python's gettext reads (what GNU msgfmt does,
for the small catalogue docmine ships: docmine/locale/nl/LC_MESSAGES/docmine.po).

    python tools/build_mo.py docmine/locale/nl/LC_MESSAGES/docmine.po
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[str, str]:
    """{msgid: msgstr}; a plural entry's key is 'singular\\0plural', its value the forms joined by NUL."""
    entries: list[dict[str, list[str]]] = []
    cur: dict[str, list[str]] = {}
    key = None
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and cur:
                entries.append(cur)
                cur, key = {}, None
            continue
        if line.startswith('"'):
            cur[key].append(ast.literal_eval(line))
            continue
        word, _, rest = line.partition(" ")
        if word == "msgid" and "msgstr" in cur or word == "msgid" and "msgstr[0]" in cur:
            entries.append(cur)
            cur = {}
        key = word
        cur[key] = [ast.literal_eval(rest)]
    out = {}
    for e in entries:
        msgid = "".join(e.get("msgid", []))
        if "msgid_plural" in e:
            msgid += "\0" + "".join(e["msgid_plural"])
            forms = [k for k in e if k.startswith("msgstr[")]
            out[msgid] = "\0".join("".join(e[k]) for k in sorted(forms))
        else:
            out[msgid] = "".join(e.get("msgstr", []))
    return out


def mo_bytes(catalog: dict[str, str]) -> bytes:
    """The .mo file of ``catalog`` (little-endian, no hash table), as GNU gettext's format says."""
    ids = sorted(catalog)
    kb = [k.encode("utf-8") for k in ids]
    vb = [catalog[k].encode("utf-8") for k in ids]
    n = len(ids)
    start = 7 * 4 + 16 * n
    keys, values = b"", b""
    koffs, voffs = [], []
    for k in kb:
        koffs.append((len(k), start + len(keys)))
        keys += k + b"\0"
    vstart = start + len(keys)
    for v in vb:
        voffs.append((len(v), vstart + len(values)))
        values += v + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("<2I", *o) for o in koffs) + b"".join(struct.pack("<2I", *o) for o in voffs)
    return header + table + keys + values


def build(po: Path) -> Path:
    mo = po.with_suffix(".mo")
    mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
    return mo


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["docmine/locale/nl/LC_MESSAGES/docmine.po"]:
        print(build(Path(arg)))
