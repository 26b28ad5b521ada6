"""Fuzz the readers and the rule loader for a while and print the counts.

    python fuzz/fuzz_docmine.py --minutes 3

Inputs are mutated from real seeds (a PDF, a DOCX, CVDR XML, HTML, text, rule YAML). A "crash"
is any exception that is not one of docmine's own errors (ReadError / RuleFileError / DocmineError);
a "hang" is one input that takes longer than --hang seconds. Crashing inputs are saved under
fuzz/crashes/ so they can become regression tests.
"""

from __future__ import annotations

import argparse
import io
import random
import signal
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from docmine.api import Limits
from docmine.errors import DocmineError


def seeds() -> dict[str, bytes]:
    from docx import Document as Docx
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawString(72, 760, "Artikel 1 Begripsbepalingen. De AWBZ-indicatie vervalt.")
    c.showPage()
    c.drawString(72, 760, "Gemeente Testdorp - pagina 2 van 2")
    c.showPage()
    c.save()
    pdf = buf.getvalue()
    d = Docx()
    d.add_heading("Werkinstructie onbepaalde tijd", 1)
    d.add_paragraph("Versie: 1.2. De consulent indiceert de zorg.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Redacteur"
    t.cell(0, 1).text = "J. Jansen"
    buf = io.BytesIO()
    d.save(buf)
    root = Path(__file__).resolve().parent.parent
    cvdr = next((root / "tests" / "data" / "ingest" / "cvdr").glob("*.xml"), None)
    return {
        ".pdf": pdf,
        ".docx": buf.getvalue(),
        ".xml": cvdr.read_bytes() if cvdr else b"<cvdr><body><regeling><regeling-tekst><artikel><kop><nr>1</nr></kop><al>x</al></artikel></regeling-tekst></regeling></body></cvdr>",
        ".html": b"<html><head><title>T</title></head><body><h1>Kop</h1><p>De AWBZ &amp; de Wmo</p><table><tr><td>a</td></tr></table></body></html>",
        ".txt": "Artikel 3 Aanvraag\n1. De cliënt vraagt aan.\n2. Zie artikel 31, vierde lid.\n\fPagina 2\nmaatwerk-\nvoorziening".encode(),
        ".yml": b"rules:\n  - id: x\n    type: term\n    severity: error\n    message: m\n    terms: [AWBZ]\n    examples:\n      match: [AWBZ]\n      no_match: [Wlz]\n",
    }


def mutate(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.random()
        if not b:
            b = bytearray(rnd.randbytes(rnd.randint(0, 64)))
            continue
        i = rnd.randrange(len(b))
        if op < 0.3:
            b[i] = rnd.randrange(256)
        elif op < 0.5:
            del b[i : i + rnd.randint(1, 64)]
        elif op < 0.7:
            b[i:i] = rnd.randbytes(rnd.randint(1, 32))
        elif op < 0.85:
            j = rnd.randrange(len(b))
            b[i:i] = b[j : j + rnd.randint(1, 128)]
        else:
            b = b[: rnd.randrange(len(b) + 1)]
    return bytes(b)


def mutate_docx(data: bytes, rnd: random.Random) -> bytes:
    """Mutate the XML inside the zip, so the fuzzer gets past the zip layer."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                content = zin.read(info)
                if info.filename == "word/document.xml" or rnd.random() < 0.1:
                    content = mutate(content, rnd)
                zout.writestr(info.filename, content)
        return out.getvalue()
    except Exception:
        return mutate(data, rnd)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--hang", type=int, default=20, help="seconds before one input counts as a hang")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    from docmine.extract import extract_structure
    from docmine.ingest import read_document
    from docmine.rules.loader import load_rules

    rnd = random.Random(args.seed)
    base = seeds()
    crashes_dir = Path(__file__).parent / "crashes"
    counts = {k: {"inputs": 0, "crashes": 0, "hangs": 0, "rejected": 0} for k in base}
    signal.signal(signal.SIGALRM, _alarm)
    deadline = time.time() + args.minutes * 60
    limits = Limits(timeout=args.hang)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        while time.time() < deadline:
            suffix = rnd.choice(list(base))
            data = mutate_docx(base[suffix], rnd) if suffix == ".docx" else mutate(base[suffix], rnd)
            path = tmpdir / f"input{suffix}"
            path.write_bytes(data)
            c = counts[suffix]
            c["inputs"] += 1
            signal.alarm(args.hang)
            try:
                if suffix == ".yml":
                    load_rules([path], default=False)
                else:
                    extract_structure(read_document(path, path.name, limits), {})
            except DocmineError:
                c["rejected"] += 1
            except Hang:
                c["hangs"] += 1
                _save(crashes_dir, "hang", suffix, data)
            except Exception as exc:  # a crash: docmine let a raw exception escape
                c["crashes"] += 1
                p = _save(crashes_dir, type(exc).__name__, suffix, data)
                print(f"crash {type(exc).__name__}: {exc} -> {p}", file=sys.stderr)
            finally:
                signal.alarm(0)
    total = {k: sum(c[k] for c in counts.values()) for k in ("inputs", "crashes", "hangs", "rejected")}
    print(f"fuzzed {args.minutes:g} min: {total['inputs']} inputs, {total['crashes']} crashes, "
          f"{total['hangs']} hangs, {total['rejected']} rejected with a docmine error")
    for k, c in counts.items():
        print(f"  {k:6} {c['inputs']:6} inputs  {c['crashes']} crashes  {c['hangs']} hangs  {c['rejected']} rejected")
    return 1 if total["crashes"] or total["hangs"] else 0


def _save(folder: Path, kind: str, suffix: str, data: bytes) -> Path:
    import hashlib

    folder.mkdir(exist_ok=True)
    p = folder / f"{kind}-{hashlib.sha1(data).hexdigest()[:10]}{suffix}"
    p.write_bytes(data)
    return p


if __name__ == "__main__":
    sys.exit(main())
