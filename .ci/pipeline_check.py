#!/usr/bin/env python3
"""Runs the README's "Analyse your pipeline" commands as written and checks what they made.

Usage: pipeline_check.py --readme README.md --results FILE   (the results file gets one line "PASSED FAILED")

The commands (the sh block under the "## Analyse your pipeline" heading) run with bash, one by one, from the repository
root, exactly as the README says; the import command then runs a second time. What they write there (buyingjourney.db*,
pipeline.html, journeys/, all in .gitignore) is removed at the end; anything of those names there before is moved aside
first and put back afterwards. Each check below counts as one test; the expected counts are taken from the sample CSV
files themselves, not from the tool.
"""
import argparse
import csv
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile


def readme_commands(readme):
    text = open(readme, encoding="utf-8").read()
    section = re.search(r"^## Analyse your pipeline\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    if section is None:
        raise SystemExit("README has no '## Analyse your pipeline' section")
    block = re.search(r"^```sh\n(.*?)^```", section.group(1), re.MULTILINE | re.DOTALL)
    if block is None:
        raise SystemExit("the 'Analyse your pipeline' section has no sh block")
    return [line for line in block.group(1).splitlines() if line.strip()]


def sample_rows(root, command):
    """The data rows and distinct journeys of the CSV files the import command names."""
    rows, journeys = 0, set()
    for path in re.findall(r"(samples/\S+\.csv)", command):
        with open(os.path.join(root, path), newline="", encoding="utf-8") as f:
            for record in csv.DictReader(f):
                rows += 1
                journeys.add(record["journey"])
    return rows, journeys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    root = os.path.dirname(os.path.abspath(args.readme))
    commands = readme_commands(args.readme)
    def outputs():
        fixed = [os.path.join(root, "pipeline.html"), os.path.join(root, "journeys")]
        return glob.glob(os.path.join(root, "buyingjourney.db*")) + [p for p in fixed if os.path.exists(p)]

    aside = tempfile.mkdtemp(prefix="bj-pipeline-ci-aside-")
    kept = [(p, shutil.move(p, os.path.join(aside, os.path.basename(p)))) for p in outputs()]
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
        if ok:
            passed += 1
        else:
            failed += 1

    def run(command):
        print("$ " + command, flush=True)
        done = subprocess.run(["bash", "-c", command], cwd=root, capture_output=True, text=True, timeout=900)
        sys.stdout.write(done.stdout[-3000:])
        sys.stderr.write(done.stderr[-3000:])
        return done

    try:
        imports = [c for c in commands if " import " in c]
        analyzes = [c for c in commands if " analyze " in c]
        check("the section has one import and one analyze command", len(commands) == 2 and len(imports) == 1 and len(analyzes) == 1, repr(commands))
        if failed:
            return
        rows, journeys = sample_rows(root, imports[0])
        check("the import command names sample CSV files with rows", rows > 0, imports[0])

        first = run(imports[0])
        check("import exits 0", first.returncode == 0, f"exit code {first.returncode}")
        check(f"import stores every one of the {rows} rows as a signal", f"Imported {rows} signals from 2 files with mapping csv" in first.stdout and "0 duplicates, 0 skipped." in first.stdout, first.stdout[-400:])
        again = run(imports[0])
        check("the same import again stores nothing new", again.returncode == 0 and f"Imported 0 signals from 2 files" in again.stdout and f"{rows} duplicates, 0 skipped." in again.stdout, again.stdout[-400:])

        analysis = run(analyzes[0])
        check("analyze exits 0", analysis.returncode == 0, f"exit code {analysis.returncode}: {analysis.stderr[-400:]}")
        page = os.path.join(root, "pipeline.html")
        html = open(page, encoding="utf-8").read() if os.path.exists(page) else ""
        check(f"pipeline.html counts the {len(journeys)} journeys of the export", f'data-chart="summary" data-journeys="{len(journeys)}"' in html, html[:300])
        links = sorted(set(re.findall(r'href="(journeys/[^"]+\.html)"', html)))
        reports = sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "journeys", "*.html")))
        check("every journey report the dashboard links to is written, and only those", links and links == reports, f"links {links[:5]}..., files {reports[:5]}...")
        check("analyze says how many reports it wrote", f"Wrote {len(reports)} journey reports to " in analysis.stdout, analysis.stdout[-300:])

        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            check("headless Chromium loads the page", False, "no chromium on PATH")
        else:
            dom = subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + page],
                                 capture_output=True, text=True, timeout=120).stdout
            check("headless Chromium loads the page with the maze and the loop-back matrix", 'data-chart="maze"' in dom and 'data-chart="loop-backs"' in dom and "<svg" in dom, dom[:200])
    finally:
        for path in outputs():
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        for original, moved in kept:
            shutil.move(moved, original)
        shutil.rmtree(aside, ignore_errors=True)
        with open(args.results, "w") as f:
            f.write(f"{passed} {failed}\n")
        print(f"pipeline: {passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
