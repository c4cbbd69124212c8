#!/usr/bin/env python3
"""Measures `synergies build` on fiches whose 1 MB body nests elements: time must stay linear in
the body's size (issue 14). Sanitising raw HTML takes time quadratic in its depth (50,000 nested
`<div>` take seconds), and formatting elements closed by blocks are opened again before each
later block (a 42 KB body becomes a page of megabytes); `src/nesting.rs`'s limits keep both
linear.

    python3 bench/nesting.py [--binary target/release/synergies] [--runs 3]
                             [--workdir /dev/shm] [--size 1000000]

Each case is a register of one fiche in `content/bench/`, built into a fresh folder, the median
of --runs builds reported. Cases within the limits (`nesting::MAX_DEPTH` = 64 levels,
`MAX_UNCLOSED_FORMATTING` = 4 formatting elements left unclosed) build; cases beyond are refused
with `imbrication-trop-profonde`, which must come as fast. Prints a Markdown section on stdout.

Linux only, Python >= 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def repeat_to(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def cases(size: int) -> list[tuple[str, str, int]]:
    """(name, body, expected exit code)."""
    deep_ok = "<div>" * 60 + "x" + "</div>" * 60 + "\n"
    formatting = "".join(f"<div><b id={i}></div>" for i in range(4)) + "<p>x</p>"
    n = size // len("<div></div>")
    return [
        ("1 MB of `<div>` nested 60 deep, again and again", repeat_to(deep_ok, size), 0),
        ("1 MB of lists nested 30 deep in raw HTML", repeat_to("<ul><li>" * 30 + "x" + "</li></ul>" * 30 + "\n", size), 0),
        ("1 MB of Markdown quotations 60 deep, with raw HTML", repeat_to(">" * 60 + " <b>x</b>\n\n", size), 0),
        ("1 MB of blocks after 4 formatting elements left unclosed", formatting + repeat_to("<p>x</p>", size), 0),
        (f"1 MB of `<div>` nested {n:,} deep (refused)", "<div>" * n + "x" + "</div>" * n + "\n", 1),
        ("1 MB of formatting elements left unclosed (refused)", repeat_to("<div><b id=1></div>", size), 1),
    ]


def build(binary: Path, root: Path, out: Path) -> tuple[float, int, str]:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    done = subprocess.run(
        [str(binary), "build", "--root", str(root), "--output", str(out)],
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, done.returncode, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "synergies")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/dev/shm"))
    parser.add_argument("--size", type=int, default=1_000_000, help="body size in bytes (default 1 MB)")
    args = parser.parse_args()
    if not args.binary.is_file():
        sys.exit(f"bench/nesting.py: {args.binary} not found (cargo build --release)")
    rows = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        for name, body, expected in cases(args.size):
            root = Path(scratch) / "root"
            if root.exists():
                shutil.rmtree(root)
            (root / "content" / "bench").mkdir(parents=True)
            fiche = f'+++\ntitre = "Imbrication"\nstatut = "En cours"\n+++\n{body}'
            (root / "content" / "bench" / "a.md").write_text(fiche, encoding="utf-8")
            times = []
            for _ in range(args.runs):
                seconds, code, stderr = build(args.binary, root, Path(scratch) / "site")
                if code != expected:
                    sys.exit(f"bench/nesting.py: {name}: exit {code}, expected {expected}\n{stderr[-2000:]}")
                if expected == 1 and "imbrication-trop-profonde" not in stderr:
                    sys.exit(f"bench/nesting.py: {name}: no imbrication-trop-profonde\n{stderr[-2000:]}")
                times.append(seconds)
            print(f"{name}: {statistics.median(times):.3f} s", file=sys.stderr, flush=True)
            rows.append((name, len(body.encode()), statistics.median(times), "refused" if expected else "built"))
    print("## Deeply nested bodies\n")
    print(f"`python3 bench/nesting.py`: one fiche, `build`, median of {args.runs} runs.\n")
    print("| body | bytes | result | wall |")
    print("|---|---:|---|---:|")
    for name, size, seconds, result in rows:
        print(f"| {name} | {size:,} | {result} | {seconds:.3f} s |")


if __name__ == "__main__":
    main()
