"""Benchmark a whole audit: throughput, stages, cold and warm, and a plain term-list linter.

    python benchmarks/bench_audit.py                    # 2,000 documents, everything
    python benchmarks/bench_audit.py --docs 10000 --only memory
    python benchmarks/bench_audit.py --skip-textlint --skip-single
    python benchmarks/bench_audit.py --only warm        # cold + warm only (warm/cold ratio)
    python benchmarks/bench_audit.py --only textlint --repeat 5   # text files vs textlint (+ docmine on the same term list), medians

Generates (or reuses) the corpus of ``gen_corpus.py`` in ``--work`` (default
/tmp/docmine-bench), then, each run in a fresh process whose whole process tree is sampled
for memory (psutil; else ru_maxrss):

- cold: ``audit`` + every report format, all cores, empty cache;
- warm: the same again with the cache of the cold run, into the same report folder (as
  `docmine audit` run twice: an unchanged audit returns the finished report from the cache);
- single: cold with ``--jobs 1``;
- text vs textlint: ``docmine audit`` (CLI, all shipped rules, no cache) on only the text files,
  against ``textlint`` + ``textlint-rule-prh`` given only the outdated-terms list (a prh.yml made
  from rules/verouderde-termen.yml), on the same files, side by side, as a ratio; beside it
  docmine given that same term list only (``--no-default-rules --rules``) and the whole audit
  writing only the CSV, and where the whole audit's time goes (start, documents, corpus
  rules, reports).

Prints documents/s, pages/s, MB/s, peak memory and seconds per stage (ingest, extract,
document_rules summed over the workers; corpus_rules, report wall time).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable


# --------------------------------------------------------------------------- one measured run


def _run_one(corpus: str, out: str, jobs: int | None, cache: str | None, formats: str,
             launched: float | None = None) -> dict:
    """Inside the child process: audit + reports, return the figures. ``launched``: the parent's
    ``time.time()`` just before it started this process (for the start-up figure)."""
    sys.path.insert(0, str(REPO))
    from docmine.api import Options, audit, remember_report, report_inputs
    from docmine.report import write_reports

    fmts = formats.split(",")
    imports = time.time() - launched if launched else None  # interpreter start + imports
    t0 = time.perf_counter()
    # as `docmine audit` does it: the report's inputs go with the audit, the finished report is kept
    options = Options(jobs=jobs, cache_dir=cache, report_key=report_inputs(fmts, [corpus], out, None))
    result = audit([corpus], options, exclude=[Path(out)])
    t1 = time.perf_counter()
    written = write_reports(result, out, fmts, audited=[corpus])
    remember_report(options, result, written)
    t2 = time.perf_counter()
    stages = dict(result.stats.get("stages", {}))
    stages["report"] = t2 - t1
    return {
        "seconds": t2 - t0, "audit_seconds": t1 - t0, "stages": stages, "report_reused": bool(result.stats.get("report_reused")),
        "imports_seconds": imports, "documents_wall_seconds": result.stats.get("documents_wall_seconds"),
        "documents": result.stats.get("documents_read", len(result.documents)), "errors": len(result.errors),
        "findings": len(result.findings),
        "pages": result.stats.get("pages", 0), "bytes": result.stats.get("bytes", 0),
        "cache": {k: v for k, v in result.stats.get("cache", {}).items() if k in ("hits", "misses")},
        "jobs": result.stats.get("jobs"),
        "error_codes": sorted({e.code for e in result.errors}),
        "rules": len(result.rules),
        "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "maxrss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _tree_rss(pid: int) -> float:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except psutil.Error:
        return 0.0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total / (1 << 20)


def measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run ``cmd``; return (wall seconds, peak MB of its whole process tree, stdout)."""
    try:
        import psutil  # noqa: F401
        have_psutil = True
    except ImportError:
        have_psutil = False
    t = time.perf_counter()
    if env is None:  # run this checkout's docmine (also from a snapshot clone)
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0.0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    if have_psutil:
        th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    if have_psutil:
        th.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err[-3000:])
        raise SystemExit(f"mislukt: {' '.join(cmd[:4])} ... (exit {proc.returncode})")
    return wall, peak[0], out


def audit_run(name: str, corpus: Path, work: Path, jobs: int | None, cache: bool, fresh_cache: bool,
              formats: str = "html,json,sarif,csv") -> dict:
    # cold and warm write into one folder, as a user running `docmine audit` twice does
    out = work / ("report" if name in ("cold", "warm") else f"report-{name}")
    cache_dir = work / "cache"
    if fresh_cache and cache_dir.exists():
        shutil.rmtree(cache_dir)
    if out.exists() and (fresh_cache or name not in ("cold", "warm")):
        shutil.rmtree(out)
    cmd = [PY, __file__, "--_one", json.dumps({"corpus": str(corpus), "out": str(out), "jobs": jobs,
                                                 "cache": str(cache_dir) if cache else None, "formats": formats,
                                                 "launched": time.time()})]
    wall, peak, stdout = measured(cmd)
    fig = json.loads(stdout.strip().splitlines()[-1])
    fig["wall_seconds"] = wall
    fig["peak_mb"] = peak or fig["maxrss_self_mb"] + fig["maxrss_children_mb"]
    return fig


# --------------------------------------------------------------------------- textlint


def _terms_from_pack(pack: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(pack.read_text(encoding="utf-8")) or {}
    terms: list[str] = []

    def add(t):
        if isinstance(t, str):
            terms.append(t)
        elif isinstance(t, dict):
            for k in ("term", "text", "lemma", "pattern", "phrase"):
                if isinstance(t.get(k), str):
                    terms.append(t[k])
                    break
        elif isinstance(t, list):
            for x in t:
                add(x)

    for r in data.get("rules", []) if isinstance(data, dict) else []:
        if isinstance(r, dict):
            add(r.get("terms", []))
            add((r.get("params") or {}).get("terms", []))
    seen, out = set(), []
    for t in terms:
        if t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def textlint_setup(work: Path) -> Path | None:
    """textlint + textlint-rule-prh in ``work/textlint`` (npm install --no-save)."""
    d = work / "textlint"
    d.mkdir(parents=True, exist_ok=True)
    binary = d / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        if not shutil.which("npm"):
            return None
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "textlint", "textlint-rule-prh"],
                       cwd=d, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return binary if binary.exists() else None


def write_prh(work: Path) -> tuple[Path, int]:
    terms = _terms_from_pack(REPO / "rules" / "verouderde-termen.yml") if (REPO / "rules" / "verouderde-termen.yml").exists() else []
    lines = ["version: 1", "rules:"]
    for t in terms:
        lines += [f"  - expected: {json.dumps('[verouderd] ' + t, ensure_ascii=False)}",
                  f"    pattern: {json.dumps(t, ensure_ascii=False)}"]
    prh = work / "textlint" / "prh.yml"
    prh.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "textlint" / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}))
    return prh, len(terms)


def text_only_copy(corpus: Path, work: Path) -> Path:
    dst = work / f"text-{corpus.name}"
    if not dst.exists():
        tmp = work / f".text-{corpus.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for f in sorted(corpus.rglob("*.txt")):
            target = tmp / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
        tmp.rename(dst)
    return dst


# What docmine runs next to textlint. The target compares the whole audit ("docmine"); the other two
# show where the difference comes from: the same outdated-terms list as textlint gets (each
# document's structure still extracted), and the whole audit writing only the CSV report.
VARIANTS = {
    "docmine": "alle regels, vier rapporten",
    "docmine_terms": "alleen verouderde-termen.yml, de lijst die textlint krijgt; vier rapporten",
    "docmine_csv": "alle regels, alleen findings.csv",
}


def compare_textlint(corpus: Path, work: Path, repeat: int = 1) -> dict | None:
    binary = textlint_setup(work)
    if binary is None:
        print("textlint niet beschikbaar (npm ontbreekt of installatie mislukt): vergelijking overgeslagen")
        return None
    _, nterms = write_prh(work)
    terms_dir = work / "textlint" / "termen"  # docmine's own pack of the terms textlint gets
    terms_dir.mkdir(exist_ok=True)
    shutil.copyfile(REPO / "rules" / "verouderde-termen.yml", terms_dir / "verouderde-termen.yml")
    text = text_only_copy(corpus, work)
    files = sorted(str(p) for p in text.rglob("*.txt"))
    out = work / "report-text"
    base = [PY, "-m", "docmine", "audit", str(text), "-o", str(out), "--no-cache", "--fail-on", "never", "-q"]
    commands = {
        "docmine": base,
        "docmine_terms": base + ["--no-default-rules", "--rules", str(terms_dir)],
        "docmine_csv": base + ["--format", "csv"],
        "textlint": [str(binary), "--config", str(work / "textlint" / ".textlintrc.json"), "--format", "json", *files],
    }
    res: dict = {"files": len(files), "prh_terms": nterms, "repeat": repeat}
    # All alternate (docmine, its variants, textlint, docmine, ...) so that a busy spell of the
    # machine hits each; with --repeat N the medians are compared (each run's figures are kept too).
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(max(1, repeat)):
        for name, cmd in commands.items():
            shutil.rmtree(out, ignore_errors=True)
            runs[name].append(measured(cmd))
            if name == "docmine":
                try:
                    res["docmine_findings"] = len(json.loads((out / "findings.json").read_text())["findings"])
                except (OSError, ValueError, KeyError):
                    res["docmine_findings"] = None
    for name, got in runs.items():
        walls = sorted(w for w, _, _ in got)
        res[f"{name}_runs"] = [round(w, 3) for w, _, _ in got]
        res[f"{name}_seconds"] = walls[len(walls) // 2] if len(walls) % 2 else sum(walls[len(walls) // 2 - 1:len(walls) // 2 + 1]) / 2
        res[f"{name}_min_seconds"] = walls[0]
        res[f"{name}_peak_mb"] = max(m for _, m, _ in got)
    try:
        res["textlint_matches"] = sum(len(f["messages"]) for f in json.loads(runs["textlint"][-1][2]))
    except ValueError:
        res["textlint_matches"] = None
    for name in VARIANTS:
        res[f"ratio_{name}"] = res["textlint_seconds"] / res[f"{name}_seconds"]
    res["ratio"] = res["ratio_docmine"]
    res["ratio_min"] = res["textlint_min_seconds"] / res["docmine_min_seconds"]
    # where the whole audit's time goes: the same audit once more in the benchmark's own child
    # (audit + the four reports in one process, as the command does), with its stages
    res["stages"] = audit_run("text", text, work, None, cache=False, fresh_cache=False)
    shutil.rmtree(work / "report-text", ignore_errors=True)
    return res


def show_breakdown(f: dict) -> None:
    """Where a whole audit's wall time goes: start (interpreter, imports, discovery, loading the
    rules), the per-document phase (compiling the rules, the workers), corpus rules, reports."""
    st = f["stages"]
    docs = f["documents"] or 1
    documents = f.get("documents_wall_seconds") or 0.0
    start = (f.get("imports_seconds") or 0.0) + f["audit_seconds"] - documents - st.get("corpus_rules", 0.0)
    per = {k: st.get(k, 0.0) / docs * 1000 for k in ("ingest", "extract", "document_rules")}
    print(f"   waar de tijd van de hele audit heen gaat ({f['wall_seconds']:.2f} s): opstarten {start:.2f} s, "
          f"documenten {documents:.2f} s ({sum(per.values()):.2f} ms per document in een worker: inlezen "
          f"{per['ingest']:.2f}, structuur {per['extract']:.2f}, documentregels {per['document_rules']:.2f}), "
          f"corpusregels {st.get('corpus_rules', 0.0):.2f} s, rapporten {st.get('report', 0.0):.2f} s")


# --------------------------------------------------------------------------- printing


def show(name: str, f: dict) -> None:
    s = f["wall_seconds"]
    mb = f["bytes"] / 1e6
    print(f"\n## {name}: {s:.1f} s wall (audit {f['audit_seconds']:.1f} s), jobs={f['jobs']}, "
          f"cache {f['cache']}{', rapport uit de cache' if f.get('report_reused') else ''}")
    print(f"   {f['documents']} documenten ({f['errors']} onleesbaar {f['error_codes']}), {f['pages']} pagina's, "
          f"{mb:.1f} MB, {f['findings']} bevindingen, {f['rules']} regels")
    print(f"   {f['documents'] / s:.1f} documenten/s, {f['pages'] / s:.1f} pagina's/s, {mb / s:.2f} MB/s, "
          f"piekgeheugen {f['peak_mb']:.0f} MB")
    print("   stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in f["stages"].items()))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="docmine audit benchmark")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--work", default="/tmp/docmine-bench", help="map voor corpus, cache en rapporten")
    ap.add_argument("--only", choices=["all", "memory", "warm", "textlint"], default="all",
                    help="memory: alleen een koude run (voor --docs 10000: piekgeheugen); "
                         "warm: alleen koud + warm (verhouding warm/koud); "
                         "textlint: alleen de tekstbestanden naast textlint")
    ap.add_argument("--repeat", type=int, default=1,
                    help="textlint-vergelijking zo vaak herhalen (om en om); de medianen tellen")
    ap.add_argument("--skip-single", action="store_true", help="geen --jobs 1 run")
    ap.add_argument("--skip-textlint", action="store_true")
    ap.add_argument("--json", help="schrijf alle cijfers ook naar dit JSON-bestand")
    ap.add_argument("--_one", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a._one:
        p = json.loads(a._one)
        try:
            figures = _run_one(p["corpus"], p["out"], p["jobs"], p["cache"], p["formats"], p.get("launched"))
        except BaseException:
            import traceback

            traceback.print_exc()
            sys.exit(3)
        print(json.dumps(figures))
        return

    sys.path.insert(0, str(HERE))
    from gen_corpus import generate

    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    corpus = generate(work / f"corpus-{a.docs}-{a.seed}", a.docs, a.seed, quiet=False)
    print(f"# corpus: {corpus} ({a.docs} documenten, klaar in {time.perf_counter() - t:.1f} s)")
    print(f"# machine: {os.cpu_count()} kernen, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    figures: dict = {"docs": a.docs, "cpus": os.cpu_count()}
    if a.only != "textlint":
        figures["cold"] = audit_run("cold", corpus, work, None, cache=True, fresh_cache=True)
        show("koud (alle kernen, lege cache)", figures["cold"])
    if a.only in ("all", "warm"):
        figures["warm"] = audit_run("warm", corpus, work, None, cache=True, fresh_cache=False)
        show("warm (ongewijzigd corpus, cache)", figures["warm"])
        print(f"   warm/koud = {figures['warm']['wall_seconds'] / figures['cold']['wall_seconds']:.1%}")
    if a.only == "all":
        if not a.skip_single:
            figures["single"] = audit_run("single", corpus, work, 1, cache=False, fresh_cache=False)
            show("koud, --jobs 1", figures["single"])
            print(f"   versnelling alle kernen: {figures['single']['wall_seconds'] / figures['cold']['wall_seconds']:.2f}x")
    if a.only in ("all", "textlint") and not a.skip_textlint:
        tl = compare_textlint(corpus, work, a.repeat)
        if tl:
            figures["textlint"] = tl
            print(f"\n## alleen tekstbestanden ({tl['files']}), koud: textlint + prh ({tl['prh_terms']} termen) "
                  f"{tl['textlint_seconds']:.2f} s, {tl['textlint_matches']} meldingen")
            for name, what in VARIANTS.items():
                found = f", {tl['docmine_findings']} bevindingen" if name == "docmine" else ""
                print(f"   docmine ({what}): {tl[name + '_seconds']:.2f} s{found}; textlint/docmine = {tl['ratio_' + name]:.2f}")
            if tl["repeat"] > 1:
                print(f"   {tl['repeat']} keer om en om (medianen hierboven): "
                      + ", ".join(f"{n} {tl[n + '_runs']}" for n in ["textlint", *VARIANTS])
                      + f"; snelste: textlint/docmine = {tl['ratio_min']:.2f}")
            print(f"   textlint/docmine = {tl['ratio']:.2f} (>1: docmine sneller); "
                  f"piekgeheugen docmine {tl['docmine_peak_mb']:.0f} MB, textlint {tl['textlint_peak_mb']:.0f} MB")
            show_breakdown(tl["stages"])
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
