#!/usr/bin/env python3
"""Builds and runs every ```csharp block of the given Markdown files as a new console app against the packed packages,
and parses every ```json block. Each block is one test.

Each C# block becomes its own console project (`dotnet new console`, implicit usings off, warnings as errors) in a temporary
folder outside the repository, referencing by exact version the packages in the feed folder that it uses (BuyingJourney
always; BuyingJourney.Sqlite, BuyingJourney.PostgreSql, BuyingJourney.Hosting, BuyingJourney.Import,
BuyingJourney.Analytics, Microsoft.Extensions.DependencyInjection and
Microsoft.Extensions.Hosting when the block names them), with the block as its Program.cs. All projects are restored once and built in one build; then each is run from its
own folder and must exit 0. A block that names BUYINGJOURNEY_POSTGRES runs under the PostgreSQL runner given with
--postgresql-runner, which sets that variable to a new, empty database. A JSON block that is a rulebook (it has "name" and
"rules") is also written as <name>.rulebook.json into every block's folder, for the C# block that loads it, and copied
to the block's output folder by its project.

A C# block that names BuyingJourney.Testing is a test program instead: a file of xunit.v3 test classes (no top-level
statements), for example FsCheck [Property] tests of JourneyLaws. Its project (still OutputType Exe) also references
BuyingJourney.Testing at the packed version, and xunit.v3.mtp-off and FsCheck.Xunit.v3 at their versions in
Directory.Packages.props; the block is its Tests.cs, and xunit's generated entry point runs its tests when the built
program is run. It passes when that run exits 0 and reports at least one test and none skipped or not run.

Usage: readme_blocks.py --packages DIR --results FILE --postgresql-runner CMD [--keep] FILE.md...
The results file gets one line "PASSED FAILED".
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

BLOCK = re.compile(r"^```(csharp|json)\n(.*?)^```", re.MULTILINE | re.DOTALL)
RUN_TIMEOUT = 300


def blocks(paths, root):
    for path in paths:
        text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield match.group(1), f"{os.path.relpath(path, root)}:{line}", match.group(2)


def package_versions(feed):
    versions = {}
    for name in os.listdir(feed):
        match = re.fullmatch(r"(BuyingJourney(?:\.[A-Za-z]+)?)\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg", name)
        if match:
            versions[match.group(1)] = match.group(2)
    return versions


def central_version(root, package):
    props = ET.parse(os.path.join(root, "Directory.Packages.props")).getroot()
    for item in props.iter("PackageVersion"):
        if item.get("Include") == package:
            return item.get("Version")
    raise SystemExit(f"{package} has no PackageVersion in Directory.Packages.props")


TESTING = "BuyingJourney.Testing"
TEST_PROGRAM_PACKAGES = ("xunit.v3.mtp-off", "FsCheck.Xunit.v3")
# The in-process runner's closing line, e.g. "   Block03  Total: 4, Errors: 0, Failed: 0, Skipped: 0, Not Run: 0, Time: 1.2s"
# ("   Block03  Total: 0" when the program has no test).
TEST_SUMMARY = re.compile(r"^\s*(\S+)\s+Total: (\d+)(?:, Errors: (\d+), Failed: (\d+), Skipped: (\d+), Not Run: (\d+))?", re.MULTILINE)


def is_test_program(code):
    return TESTING in code


def test_summary(name, output):
    """Why a test program's run did not pass though it exited 0 (no test, or some skipped or not run), or None."""
    summaries = [m for m in TEST_SUMMARY.finditer(output) if m.group(1) == name]
    if not summaries:
        return "no xunit test summary in its output"
    total, _, _, skipped, not_run = (int(g or 0) for g in summaries[-1].groups()[1:])
    if total == 0:
        return "it has no test (a block naming BuyingJourney.Testing is a file of test classes)"
    if skipped or not_run:
        return f"{skipped} of its {total} tests skipped and {not_run} not run"
    return None


def references(code):
    wanted = ["BuyingJourney"]
    if is_test_program(code):
        wanted.extend([TESTING, *TEST_PROGRAM_PACKAGES])
    if "UseSqlite" in code or "BuyingJourney.Sqlite" in code:
        wanted.append("BuyingJourney.Sqlite")
    if "UsePostgreSql" in code or "BuyingJourney.PostgreSql" in code:
        wanted.append("BuyingJourney.PostgreSql")
    if "BuyingJourney.Import" in code:
        wanted.append("BuyingJourney.Import")
    if "BuyingJourney.Analytics" in code:
        wanted.append("BuyingJourney.Analytics")
    if "Microsoft.Extensions.DependencyInjection" in code:
        wanted.append("Microsoft.Extensions.DependencyInjection")
    if "BuyingJourney.Hosting" in code or "AddHostedScheduler" in code or "MigrateOnStartup" in code:
        wanted.append("BuyingJourney.Hosting")
    if "Microsoft.Extensions.Hosting" in code:
        wanted.append("Microsoft.Extensions.Hosting")
    return wanted


def run(command, cwd, timeout=None, env=None):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--packages", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--postgresql-runner", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("files", nargs="+")
    options = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    feed = os.path.abspath(options.packages)
    versions = package_versions(feed)
    for package in ("BuyingJourney", "BuyingJourney.Sqlite", "BuyingJourney.PostgreSql", "BuyingJourney.Hosting"):
        if package not in versions:
            raise SystemExit(f"no {package}.<version>.nupkg in {feed}")
    versions["Microsoft.Extensions.DependencyInjection"] = central_version(root, "Microsoft.Extensions.DependencyInjection")
    versions["Microsoft.Extensions.Hosting"] = central_version(root, "Microsoft.Extensions.Hosting")
    for package in TEST_PROGRAM_PACKAGES:
        versions[package] = central_version(root, package)

    passed = failed = 0
    found = list(blocks(options.files, root))
    csharp = [(where, code) for kind, where, code in found if kind == "csharp"]
    if any(is_test_program(code) for _, code in csharp) and TESTING not in versions:
        raise SystemExit(f"a block is a test program (it names {TESTING}), but there is no {TESTING}.<version>.nupkg in {feed}")
    rulebooks = {}
    for kind, where, code in found:
        if kind != "json":
            continue
        try:
            document = json.loads(code)
        except json.JSONDecodeError as error:
            failed += 1
            print(f"FAIL {where} (json): {error}")
            continue
        passed += 1
        print(f"ok   {where} (json)")
        if isinstance(document, dict) and "name" in document and "rules" in document:
            rulebooks[f"{document['name']}.rulebook.json"] = code

    build_output = ""
    work = tempfile.mkdtemp(prefix="buyingjourney-readme-")
    started = time.monotonic()
    try:
        # A private packages folder, so the BuyingJourney packages always come from this feed (they keep their version
        # from one pack to the next); everything else is taken from the machine's packages folder when it is there.
        user_packages = os.path.expanduser("~/.nuget/packages")
        packages = os.path.join(work, "packages")
        with open(os.path.join(work, "nuget.config"), "w", encoding="utf-8") as config:
            config.write(
                '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n'
                f'  <config><add key="globalPackagesFolder" value="{packages}" /></config>\n'
                f'  <fallbackPackageFolders><add key="machine" value="{user_packages}" /></fallbackPackageFolders>\n'
                f'  <packageSources><add key="buyingjourney-packed" value="{feed}" /></packageSources>\n'
                "</configuration>\n")

        template = os.path.join(work, "template")
        created = run(["dotnet", "new", "console", "--name", "Block", "--output", template], work)
        if created.returncode != 0:
            raise SystemExit("dotnet new console failed:\n" + created.stdout + created.stderr)
        csproj = open(os.path.join(template, "Block.csproj"), encoding="utf-8").read()
        csproj = csproj.replace("<ImplicitUsings>enable</ImplicitUsings>", "<ImplicitUsings>disable</ImplicitUsings>")
        csproj = csproj.replace("</PropertyGroup>", "  <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>", 1)
        if "<OutputType>Exe</OutputType>" not in csproj:
            raise SystemExit("dotnet new console made a project without <OutputType>Exe</OutputType>:\n" + csproj)

        projects = []
        for index, (where, code) in enumerate(csharp, start=1):
            name = f"Block{index:02d}"
            folder = os.path.join(work, name)
            os.makedirs(folder)
            items = "".join(f'    <PackageReference Include="{p}" Version="[{versions[p]}]" />\n' for p in references(code))
            with open(os.path.join(folder, name + ".csproj"), "w", encoding="utf-8") as project:
                # The rulebook files are copied to the output too, as a project that loads one does (a test runner's
                # working folder is the output folder).
                copied = '    <None Include="*.rulebook.json" CopyToOutputDirectory="PreserveNewest" />\n'
                project.write(csproj.replace("</Project>", f"  <ItemGroup>\n{items}{copied}  </ItemGroup>\n</Project>"))
            source = "Tests.cs" if is_test_program(code) else "Program.cs"
            with open(os.path.join(folder, source), "w", encoding="utf-8") as program:
                program.write(code)
            for file_name, content in rulebooks.items():
                with open(os.path.join(folder, file_name), "w", encoding="utf-8") as rulebook:
                    rulebook.write(content)
            projects.append((where, code, name, folder))

        if projects:
            run(["dotnet", "new", "sln", "--name", "Blocks", "--format", "sln"], work)
            added = run(["dotnet", "sln", "Blocks.sln", "add", *[os.path.join(p[2], p[2] + ".csproj") for p in projects]], work)
            if added.returncode != 0:
                raise SystemExit("dotnet sln add failed:\n" + added.stdout + added.stderr)
            restored = run(["dotnet", "restore", "Blocks.sln"], work)
            build = run(["dotnet", "build", "Blocks.sln", "--no-restore", "-nologo", "-clp:NoSummary"], work) if restored.returncode == 0 else restored
            build_output = build.stdout + build.stderr
            print(f"     restore and build of {len(projects)} block projects: {time.monotonic() - started:.0f} s")
            if restored.returncode == 0 and not os.path.isdir(os.path.join(packages, "buyingjourney")):
                raise SystemExit(f"BuyingJourney was not restored from {feed} (a copy in {user_packages} took its place)")

        runner = [os.path.abspath(part) if os.path.exists(part) else part for part in shlex.split(options.postgresql_runner)]
        for where, code, name, folder in projects:
            dll = os.path.join(folder, "bin", "Debug", "net10.0", name + ".dll")
            errors = [line for line in build_output.splitlines() if f"{os.sep}{name}{os.sep}{name}.csproj" in line and ": error " in line]
            if errors or not os.path.exists(dll):
                failed += 1
                print(f"FAIL {where}: does not compile as a console app ({name})")
                print("\n".join(sorted(set(errors))) or build_output)
                continue
            command = ["dotnet", dll]
            if is_test_program(code):
                command.append("-noColor")
            if "BUYINGJOURNEY_POSTGRES" in code:
                command = runner + command
            clock = time.monotonic()
            try:
                result = run(command, folder, timeout=RUN_TIMEOUT)
                exit_code, output = result.returncode, result.stdout + result.stderr
            except subprocess.TimeoutExpired as expired:
                exit_code, output = "timeout", f"did not finish in {RUN_TIMEOUT} s\n{expired.stdout or ''}{expired.stderr or ''}"
            problem = test_summary(name, output) if exit_code == 0 and is_test_program(code) else None
            if exit_code == 0 and problem is None:
                passed += 1
                print(f"ok   {where} (ran in {time.monotonic() - clock:.1f} s)")
            else:
                failed += 1
                print(f"FAIL {where}: {problem or f'exit code {exit_code}'} ({name})\n{output}")
    finally:
        if options.keep:
            print(f"     kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"README blocks done in {time.monotonic() - started:.0f} s: passed {passed}, failed {failed}")
    with open(options.results, "w", encoding="utf-8") as results:
        results.write(f"{passed} {failed}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
