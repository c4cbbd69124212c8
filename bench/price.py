#!/usr/bin/env python3
"""Where a build's user-space work goes, in instructions: stable on a busy machine.

    python3 bench/price.py [--n 10000] [--corpus DIR] [--binary PATH] [--shared ../shared]

Builds `synergies` and the floor in release mode (as bench/run.py does), generates the register of
`gen.py --layout fr` (or takes --corpus), then runs each tool once under
`valgrind --tool=callgrind` on one thread (`RAYON_NUM_THREADS=1`) into a fresh folder of
/dev/shm, and prints the instructions of the whole process and of the stages and records that
make up a build (inclusive: a function with what it calls). Instruction counts do not depend on
what else runs on the machine, unlike wall and CPU times, so two versions can be compared on a
shared VM; they leave out the kernel's work (creating and writing files: about 40 % of a
build's CPU time on tmpfs) and weigh a SIMD loop like a scalar one.

Linux only; needs valgrind (`apt-get install valgrind`), Python >= 3.11.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: cargo_build, build_floor, DEFAULT_SHARED)

# (label, function as callgrind names it, indentation level) for synergies, in pipeline order.
SYNERGIES = [
    ("load, validate, model", "synergies::check_with", 0),
    ("walk of content/", "synergies::load::load", 1),
    ("validation of a fiche (TOML, fields)", "synergies::fiche::fiche", 1),
    ("model", "synergies::model::build", 1),
    ("settings warnings (names_mons)", "synergies::config::warnings", 1),
    ("render", "synergies::render::render_with", 0),
    ("Markdown to HTML and text", "synergies::render::markdown::to_html_and_text", 1),
    ("search data record", "synergies::render::pages::search::record", 1),
    ("search normalise", "synergies::render::pages::search::normalise", 2),
    ("synergies.json record", "synergies::render::pages::exports::json_record", 1),
    ("synergies.csv record", "synergies::render::pages::exports::csv_record", 1),
    ("fiche page", "synergies::render::pages::fiches::page", 1),
    ("facet pages", "synergies::render::pages::facets::pages", 1),
    ("commit (hand files, marker, swap)", "synergies::output::Staging::commit_with", 0),
    ("serde_json string escaping (everywhere)", "<&mut serde_json::ser::Serializer<W,F> as serde_core::ser::Serializer>::serialize_str", 0),
]
FLOOR = [
    ("per synergy: parse, render, write", "synergies_floor::process", 0),
    ("TOML", "toml::de::deserializer::Deserializer::parse", 1),
    ("Markdown parse", "pulldown_cmark::parse::Parser::new_ext", 1),
    ("HTML escaping", "synergies_floor::esc", 0),
]

LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(?:\*\s+)?\S*?:(.*?) \[")


def callgrind(command: list[str], out_file: Path) -> dict[str, int]:
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        run.die(f"{command[0]} failed under valgrind:\n{proc.stderr[-2000:]}")
    annotated = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        check=True,
    ).stdout
    counts: dict[str, int] = {}
    for line in annotated.splitlines():
        if "PROGRAM TOTALS" in line:
            counts["TOTAL"] = int(line.split()[0].replace(",", ""))
            continue
        match = LINE.match(line)
        if match:
            # The first line of a function is its outermost call (a recursive one is named `'2`).
            counts.setdefault(match.group(2), int(match.group(1).replace(",", "")))
    return counts


def table(title: str, counts: dict[str, int], rows: list[tuple[str, str, int]], n: int) -> list[str]:
    total = counts.get("TOTAL", 0)
    lines = [f"{title}: {total / 1e9:.3f} G instructions, {total / n / 1e3:.0f} k per fiche", ""]
    lines.append("| part | instructions | share | per fiche |")
    lines.append("|---|---:|---:|---:|")
    for label, function, level in rows:
        value = counts.get(function)
        shown = "\u00a0\u00a0" * level + label
        if value is None:
            lines.append(f"| {shown} | (not seen) | | |")
            continue
        lines.append(f"| {shown} | {value / 1e6:,.0f} M | {100 * value / total:.1f} % | {value / n / 1e3:.1f} k |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10000, help="fiches of the generated register")
    parser.add_argument("--corpus", type=Path, help="an existing register (root with content/) instead")
    parser.add_argument("--binary", type=Path, help="a synergies executable instead of building this tree")
    parser.add_argument("--shared", type=Path, default=run.DEFAULT_SHARED)
    parser.add_argument("--tmpfs", type=Path, default=Path("/dev/shm"))
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        run.die("valgrind not found (apt-get install valgrind)")
    synergies = args.binary or run.cargo_build(run.REPO, "synergies", "synergies")
    floor = run.build_floor(args.shared)
    with tempfile.TemporaryDirectory(dir=args.tmpfs, prefix="synergies-price-") as scratch:
        work = Path(scratch)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            gen = args.shared / "bench" / "gen.py"
            run.log(f"generating {args.n} fiches in {corpus}...")
            subprocess.run(
                [sys.executable, str(gen), "--n", str(args.n), "--layout", "fr", "--out", str(corpus)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        n = sum(1 for p in (corpus / "content").glob("*/*.md") if p.name != "_index.md")
        run.log("synergies under callgrind...")
        ours = callgrind([str(synergies), "build", "--root", str(corpus), "--output", str(work / "site")], work / "cg.synergies")
        run.log("the floor under callgrind...")
        theirs = callgrind(
            [str(floor), "--content", str(corpus / "content"), "--out", str(work / "floor"), "--rayon"],
            work / "cg.floor",
        )
    print("\n".join(table(f"synergies, {n:,} fiches", ours, SYNERGIES, n)))
    print()
    print("\n".join(table(f"floor, {n:,} fiches", theirs, FLOOR, n)))
    print()
    print(f"synergies / floor: {ours['TOTAL'] / theirs['TOTAL']:.2f}x the instructions (user space only)")


if __name__ == "__main__":
    main()
