"""How heavy index.html is for a browser: size, load time and a filter in headless Chromium.

    docmine audit /tmp/c2k -o /tmp/r2k -q --fail-on never
    python benchmarks/report_load.py /tmp/r2k/index.html --screenshots /tmp/shots

Opens the report with Playwright in /usr/bin/chromium (no network: the report is one file) at
1400 and 800 px wide, and prints per width the time until the first finding is drawn (wall, from
``goto``), the browser's DOMContentLoaded and load times, the page height, and the time the
severity filter takes to redraw the list. ``--screenshots DIR`` keeps what the reader first sees.

A large audit's report is an index plus a page per folder (``mappen/``): then the index is timed
until its table of folders is drawn, and the largest folder page as above.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def measure(index: Path, width: int, shots: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        t = time.perf_counter()
        page.goto(index.resolve().as_uri(), wait_until="load")
        page.wait_for_selector("#findings > li")
        first = time.perf_counter() - t
        dcl, load = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                  " return [n.domContentLoadedEventEnd, n.loadEventEnd]; }")
        height = page.evaluate("() => document.documentElement.scrollHeight")
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"report-{width}.png"))
        total = page.get_attribute("#result-count", "data-count")
        t = time.perf_counter()
        page.select_option("#f-severity", index=1)  # the first severity after "alle"
        page.wait_for_function(f"document.getElementById('result-count').getAttribute('data-count') !== '{total}'")
        filtered = time.perf_counter() - t
        browser.close()
    return {"width": width, "first_finding_s": first, "dcl_ms": dcl, "load_ms": load, "height_px": height,
            "filter_s": filtered, "errors": errors}


def measure_index(index: Path, width: int) -> dict:
    """The index of a report split per folder: time until the folders table is there."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        t = time.perf_counter()
        page.goto(index.resolve().as_uri(), wait_until="load")
        page.wait_for_selector("#mappen-tabel tbody tr")
        first = time.perf_counter() - t
        rows = page.locator("#mappen-tabel tbody tr").count()
        browser.close()
    return {"width": width, "table_s": first, "rows": rows}


def show(path: Path, shots: Path | None) -> None:
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    for width in (1400, 800):
        r = measure(path, width, shots)
        print(f"  {width} px: first finding {r['first_finding_s']:.2f} s (DOMContentLoaded {r['dcl_ms']:.0f} ms, "
              f"load {r['load_ms']:.0f} ms), height {r['height_px']} px, severity filter {r['filter_s']:.2f} s"
              + (f", script errors: {r['errors']}" if r["errors"] else ""))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path, help="index.html of a docmine report")
    ap.add_argument("--screenshots", type=Path)
    args = ap.parse_args(argv)
    pages = sorted((args.index.parent / "mappen").glob("*.html"), key=lambda p: p.stat().st_size)
    if not pages or 'id="mappen-tabel"' not in args.index.read_text(encoding="utf-8"):
        show(args.index, args.screenshots)
        return
    total = sum(p.stat().st_size for p in pages)
    print(f"{args.index}: {args.index.stat().st_size / 1e6:.2f} MB, {len(pages)} folder pages "
          f"({total / 1e6:.1f} MB in all, largest {pages[-1].stat().st_size / 1e6:.1f} MB)")
    for width in (1400, 800):
        r = measure_index(args.index, width)
        print(f"  index, {width} px: folders table ({r['rows']} rows) after {r['table_s']:.2f} s")
    show(pages[-1], args.screenshots)


if __name__ == "__main__":
    main()
