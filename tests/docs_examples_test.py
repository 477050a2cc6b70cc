#!/usr/bin/python3
"""Runs the examples of the user documentation, so that none of them goes stale.

    tests/docs_examples_test.py BUILD/ccsim SOURCE_DIR

In each docs/*.md, a fenced block whose info string is `sh run` is run with bash (-e -u
-o pipefail) and must exit 0, or N with `sh run exit=N`; a block `yaml file=NAME` (or any
language) is written to NAME first, so that later blocks can use it. The blocks of one
page run in order, in one empty folder of their own that holds `build/ccsim` and links to
the repository's scenarios/, tests/, analysis/ and docs/. Blocks not marked are not run.

It also checks that nothing in the repository sends readers to the specification outside
it (../shared/SPEC.md): the reference lives in docs/.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\S*)(.*)$")
LINKED = ("scenarios", "tests", "analysis", "docs")
TIMEOUT_S = 300
OUTSIDE_SPEC = re.compile(r"shared/SPEC|SPEC\.md")


def blocks(path):
    """(line, language, options, text) of each fenced block of a Markdown file."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, language, words = i + 1, m.group(1), m.group(2).split()
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        options = dict(w.split("=", 1) if "=" in w else (w, "") for w in words)
        out.append((start, language, options, "\n".join(body) + "\n"))
        i += 1
    return out


def workspace(binary, source):
    """An empty folder with build/ccsim and links to the repository's folders."""
    work = tempfile.mkdtemp(prefix="ccsim_docs_")
    os.makedirs(os.path.join(work, "build"))
    os.symlink(os.path.abspath(binary), os.path.join(work, "build", "ccsim"))
    for name in LINKED:
        os.symlink(os.path.join(source, name), os.path.join(work, name))
    return work


def run_page(page, binary, source):
    """Runs a page's marked blocks; returns (blocks run, failures as texts)."""
    work = workspace(binary, source)
    ran, failures = 0, []
    try:
        for line, language, options, text in blocks(page):
            where = f"{os.path.relpath(page, source)}:{line}"
            if "file" in options:
                with open(os.path.join(work, options["file"]), "w", encoding="utf-8") as f:
                    f.write(text)
            if language != "sh" or "run" not in options:
                continue
            want = int(options.get("exit", "0"))
            p = subprocess.run(["bash", "-euo", "pipefail", "-c", text], cwd=work,
                               capture_output=True, text=True, timeout=TIMEOUT_S,
                               env=dict(os.environ, MPLBACKEND="Agg"))
            ran += 1
            if p.returncode != want:
                failures.append(f"{where}: exited {p.returncode}, expected {want}\n{text}"
                                f"--- stdout\n{p.stdout[-2000:]}--- stderr\n{p.stderr[-2000:]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ran, failures


def spec_references(source):
    """Files of the repository that name the specification kept outside it."""
    found = []
    skip = {".git", "build"}
    for root, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith("build")]
        for name in files:
            path = os.path.join(root, name)
            if path == os.path.abspath(__file__):
                continue
            try:
                with open(path, encoding="utf-8") as f:
                    for n, text in enumerate(f, 1):
                        if OUTSIDE_SPEC.search(text):
                            found.append(f"{os.path.relpath(path, source)}:{n}: {text.strip()}")
            except (UnicodeDecodeError, OSError):
                continue
    return found


def main(argv):
    if len(argv) != 3:
        print("usage: docs_examples_test.py BUILD/ccsim SOURCE_DIR", file=sys.stderr)
        return 2
    binary, source = argv[1], os.path.abspath(argv[2])
    docs = os.path.join(source, "docs")
    failures, total = [], 0
    for name in sorted(os.listdir(docs)):
        if name.endswith(".md"):
            ran, failed = run_page(os.path.join(docs, name), binary, source)
            print(f"docs/{name}: {ran} examples run, {len(failed)} failed")
            total += ran
            failures += failed
    spec = spec_references(source)
    failures += [f"{s}: points outside the repository; the reference is docs/" for s in spec]
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    if total == 0:
        failures.append("no example ran")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
