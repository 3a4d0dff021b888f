#!/usr/bin/env python3
"""Checks that every .pdb in the .snupkg files of a folder links its sources to RepositoryUrl (Directory.Build.props)
at the commit checked out, and, under CI, with the deterministic source root /_/. Each .pdb is one test.

A portable PDB keeps its SourceLink document as plain UTF-8 JSON, so finding the expected mapping in the bytes is enough.
Usage: source_links.py --packages DIR --results FILE   (the results file gets one line "PASSED FAILED")
"""
import argparse
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--packages", required=True)
    parser.add_argument("--results", required=True)
    options = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    props = ET.parse(os.path.join(root, "Directory.Build.props")).getroot()
    repository = next(e.text for e in props.iter("RepositoryUrl"))
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    target = f'"{repository}/raw/{commit}/*"'
    expected = ('"/_/*":' + target) if os.environ.get("CI", "") not in ("", "false") else target

    passed = failed = 0
    symbols = sorted(glob.glob(os.path.join(options.packages, "*.snupkg")))
    if not symbols:
        failed += 1
        print(f"FAIL no .snupkg in {options.packages}")
    for package in symbols:
        with zipfile.ZipFile(package) as archive:
            for name in (n for n in archive.namelist() if n.endswith(".pdb")):
                where = f"{os.path.basename(package)}/{name}"
                if expected.encode("utf-8") in archive.read(name):
                    passed += 1
                    print(f"ok   {where}")
                else:
                    failed += 1
                    print(f"FAIL {where}: no SourceLink mapping {expected}")

    with open(options.results, "w", encoding="utf-8") as results:
        results.write(f"{passed} {failed}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
