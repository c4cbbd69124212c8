#!/usr/bin/env python3
"""Regenerates BENCHMARKS.md: `synergies build` against the shared "floor" crate.

    python3 bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--shared ../shared]
                         [--tmpfs /dev/shm] [--disk /var/tmp] [--out BENCHMARKS.md]

For each file system and size: generates a synthetic register with the shared gen.py, then runs
one warm-up and N measured builds of each tool, alternating synergies / floor, each into a fresh
output folder. Then the rebuilds: one build of each tool into its own output folder (not
measured), then N measured builds, alternating, each into the folder that holds the same tool's
previous site (synergies builds beside it, swaps it out and deletes it; the floor writes over its
files). Per run: wall time, user+sys CPU and peak RSS of the child (os.wait4), output size.

Peak RSS: on Linux a process's ru_maxrss starts at the RSS of whatever it was forked from (the
old address space's high-water mark is carried over at exec). A child forked straight from this
script would therefore report at least Python's own peak (~14 MiB). To measure the tool alone,
this script makes itself a child subreaper and starts each tool through `setsid -f`, a tiny
program that forks the tool and exits: the tool is re-parented to us and reaped with os.wait4.

Linux only, Python >= 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import ctypes
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# `shared/` beside the repository (/work/main), or beside the folder of worktrees (/work/wt/<name>).
DEFAULT_SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), REPO.parent / "shared")
DEFAULT_SIZES = [1000, 10000, 100000]
DISK_MAX_DEFAULT = 10000  # larger sizes are skipped on disk unless --disk-sizes asks for them
TOOLS = ("synergies", "floor", "floor-1")
# "floor" is the floor as its README runs it (`--rayon`, all cores), the one the targets are
# measured against. "floor-1" is the same program on one thread, shown for reference only: how
# fast the floor runs next to synergies depends on the machine (on the AMD EPYC VM of the
# 2026-11-29 reports the rayon floor took 0.33 s, twice its time on the Intel Xeon VM of
# December), and on the Xeon VM synergies' ratio to the one-thread floor is close to its ratio to
# the rayon floor on the EPYC VM and to the issue's own figures (0.36 s against 0.32 s).
PR_SET_CHILD_SUBREAPER = 36
# Bytes of file-system space per fiche (corpus + one output), before a smaller size was measured.
FIRST_GUESS_BYTES_PER_FICHE = 64 * 1024
SPACE_MARGIN = 1.5
# The rebuilds keep one site per tool, and synergies holds two while it swaps them.
REBUILD_SPACE = 2.0

# Targets of the issue.
TARGET_WALL_RATIO = 1.5  # synergies / floor median wall time at 10,000 fiches, tmpfs (fresh and rebuild)
TARGET_SERVE_MS = 50.0  # an edit's page served (bench/serve_latency.py's median)
TARGET_RSS_KIB = 64 * 1024  # peak RSS at 10,000 fiches
TARGET_SIZE = 10000
LINEAR_SIZE = 100000
LINEAR_TOLERANCE = 1.25  # per-fiche cost at 100,000 at most 1.25x the one at 10,000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def die(message: str) -> None:
    log(f"bench/run.py: error: {message}")
    sys.exit(1)


# ---------------------------------------------------------------------------------------------
# Measuring one child
# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + sys seconds
    rss_kib: int  # peak resident set size (Linux: KiB)
    out_bytes: int = 0
    out_files: int = 0


class Spawner:
    """Starts a command and returns its wall time and resource usage."""

    def __init__(self) -> None:
        self.setsid = shutil.which("setsid")
        libc = ctypes.CDLL(None, use_errno=True)
        subreaper = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
        self.isolated = bool(self.setsid) and subreaper
        if not self.isolated:
            log(
                "warning: `setsid` or PR_SET_CHILD_SUBREAPER unavailable: peak RSS includes "
                "this Python process's own peak"
            )

    @staticmethod
    def _reap_strays() -> None:
        # Orphans re-parented to us (e.g. from cargo or gen.py) must not be mistaken for the tool.
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    @staticmethod
    def kill_children() -> None:
        """Ends the processes this script started that are still running (after Ctrl+C: the tool,
        which `setsid` put out of reach of the terminal's signal)."""
        me = os.getpid()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == me:
                try:
                    os.kill(int(entry.name), signal.SIGTERM)
                except ProcessLookupError:
                    pass

    def run(self, argv: list[str], log_path: Path) -> tuple[int, Run]:
        """Runs argv (stdout and stderr into log_path); returns (exit code, measures)."""
        self._reap_strays()
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, str(log_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, 1, 2),
        ]
        launch = [self.setsid, "-f", *argv] if self.isolated else argv
        start = time.perf_counter()
        launcher = os.posix_spawnp(launch[0], launch, os.environ, file_actions=actions)
        try:
            return self._wait(launcher, start, argv, log_path)
        except KeyboardInterrupt:
            self.kill_children()
            raise

    def _wait(self, launcher: int, start: float, argv: list[str], log_path: Path) -> tuple[int, Run]:
        if not self.isolated:
            _, status, usage = os.wait4(launcher, 0)
            wall = time.perf_counter() - start
        else:
            usage = None
            launcher_done = False
            while usage is None or not launcher_done:
                pid, status_any, usage_any = os.wait4(-1, 0)
                if pid == launcher:
                    launcher_done = True
                    if os.waitstatus_to_exitcode(status_any) != 0:
                        die(f"`setsid -f` failed for {' '.join(argv)} (see {log_path})")
                else:
                    wall = time.perf_counter() - start
                    status, usage = status_any, usage_any
        code = os.waitstatus_to_exitcode(status)
        return code, Run(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_kib=usage.ru_maxrss,
        )


def tree_size(path: Path) -> tuple[int, int]:
    """(apparent bytes, number of files) under path."""
    total = files = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def tree_usage(path: Path) -> int:
    """Bytes actually allocated under path (blocks), for the free-space estimate."""
    used = 0
    for dirpath, dirnames, filenames in os.walk(path):
        for name in filenames + dirnames:
            used += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
    return used


# ---------------------------------------------------------------------------------------------
# Building the two tools
# ---------------------------------------------------------------------------------------------


def cargo_build(cwd: Path, binary: str, what: str) -> Path:
    """`cargo build --release` in cwd; returns the path of the executable `binary`."""
    log(f"building {what} in {cwd} (cargo build --release)...")
    proc = subprocess.run(
        ["cargo", "build", "--release", "--bin", binary, "--message-format=json-render-diagnostics"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        die(f"`cargo build --release` of {what} failed in {cwd} (exit {proc.returncode}); see the compiler output above")
    for line in proc.stdout.splitlines():
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            continue
        if (
            message.get("reason") == "compiler-artifact"
            and message.get("executable")
            and message["target"]["name"] == binary
        ):
            return Path(message["executable"])
    die(f"cargo built {what} but did not report the executable `{binary}`")
    raise AssertionError


def build_floor(shared: Path) -> Path:
    source = shared / "bench" / "floor"
    if not (source / "Cargo.toml").is_file():
        die(f"floor crate not found at {source} (use --shared to point at the shared folder)")
    # A stable folder outside the repository, so that cargo's cache survives between runs.
    copy = Path(tempfile.gettempdir()) / "synergies-bench-floor"
    if copy.resolve().is_relative_to(REPO):
        die(f"the floor copy {copy} would be inside the repository; set TMPDIR elsewhere")
    for src in source.rglob("*"):
        rel = src.relative_to(source)
        dst = copy / rel
        if src.is_dir():
            dst.mkdir(parents=True, exist_ok=True)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.is_file() and dst.read_bytes() == src.read_bytes():
            continue
        if dst.exists():
            dst.unlink()
        shutil.copy2(src, dst)
        dst.chmod(dst.stat().st_mode | 0o200)  # the shared files are read-only
    return cargo_build(copy, "synergies-floor", "the floor")


# ---------------------------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------------------------


def command_output(argv: list[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_info(note: str) -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    commit = command_output(["git", "rev-parse", "--short=12", "HEAD"], REPO)
    if command_output(["git", "status", "--porcelain", "--untracked-files=no"], REPO) not in ("", "unknown"):
        commit += " + uncommitted changes"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "cpus (nproc)": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "kernel": platform.release(),
        "rustc": command_output(["rustc", "--version"], REPO),
        "note": note,
    }


# ---------------------------------------------------------------------------------------------
# Measuring sizes
# ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    fs: str
    size: int
    runs: dict[str, list[Run]] = field(default_factory=dict)  # into a fresh output folder
    rebuilds: dict[str, list[Run]] = field(default_factory=dict)  # over the previous site
    skipped: str = ""


def fs_type(path: Path) -> str:
    """Type of the file system holding path, from /proc/mounts (longest matching mount point)."""
    best, kind = "", "unknown"
    target = str(path.resolve())
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            mount = parts[1].replace("\\040", " ")
            if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
                best, kind = mount, parts[2]
    except OSError:
        pass
    return kind


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def measure_size(
    fs: str,
    base: Path,
    size: int,
    runs: int,
    gen: Path,
    binaries: dict[str, Path],
    spawner: Spawner,
    bytes_per_fiche: dict[str, float],
) -> Result:
    result = Result(fs=fs, size=size)
    need = int(size * bytes_per_fiche.get(fs, FIRST_GUESS_BYTES_PER_FICHE) * SPACE_MARGIN * REBUILD_SPACE)
    free = free_bytes(base)
    if free < need:
        result.skipped = f"not enough space on {base}: {free / 2**30:.1f} GiB free, ~{need / 2**30:.1f} GiB needed"
        log(f"[{fs} {size}] skipped: {result.skipped}")
        return result
    work = Path(tempfile.mkdtemp(prefix=f"synergies-bench-{size}-", dir=base))
    try:
        corpus = work / "corpus"
        log(f"[{fs} {size}] generating the corpus in {corpus}...")
        subprocess.run(
            [sys.executable, str(gen), "--n", str(size), "--layout", "fr", "--out", str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        commands = {
            "synergies": lambda out: [str(binaries["synergies"]), "build", "--root", str(corpus), "--output", str(out)],
            "floor": lambda out: [str(binaries["floor"]), "--content", str(corpus / "content"), "--out", str(out)]
            + ["--rayon"],
            "floor-1": lambda out: [str(binaries["floor"]), "--content", str(corpus / "content"), "--out", str(out)],
        }

        def build(tool: str, out: Path) -> Run:
            log_path = work / f"{tool}.log"
            if fs == "disk":
                os.sync()  # do not let the previous run's write-back land in this one
            code, run = spawner.run(commands[tool](out), log_path)
            if code != 0:
                output = log_path.read_text(errors="replace")[-4000:]
                log(output)
                die(f"{tool} failed (exit {code}) on {size} fiches ({fs}): {' '.join(commands[tool](out))}")
            run.out_bytes, run.out_files = tree_size(out)
            if run.out_files < size:
                die(f"{tool} wrote only {run.out_files} files for {size} fiches ({fs})")
            return run

        def report(kind: str, label: str, tool: str, run: Run) -> None:
            log(
                f"[{fs} {size}] {kind} {label} {tool}: {run.wall:.3f} s wall, {run.cpu:.3f} s CPU, "
                f"{run.rss_kib / 1024:.1f} MiB, {run.out_files} files"
            )

        peak_used = 0
        for i in range(runs + 1):  # run 0 is the warm-up
            for tool in TOOLS:  # alternate: synergies, floor, floor-1, synergies, floor...
                run_dir = work / f"run-{tool}"
                run_dir.mkdir()
                run = build(tool, run_dir / "site")
                if i == 0:
                    peak_used = max(peak_used, tree_usage(work))
                    label = "warm-up"
                else:
                    result.runs.setdefault(tool, []).append(run)
                    label = f"run {i}/{runs}"
                shutil.rmtree(run_dir)  # only the corpus and one output at a time
                report("fresh", label, tool, run)
        bytes_per_fiche[fs] = peak_used / size
        # Rebuilds: each tool's folder keeps its previous site from one run to the next.
        for i in range(runs + 1):  # run 0 makes the first site
            for tool in TOOLS:
                run = build(tool, work / f"rebuild-{tool}" / "site")
                if i == 0:
                    label = "first site"
                else:
                    result.rebuilds.setdefault(tool, []).append(run)
                    label = f"run {i}/{runs}"
                report("rebuild", label, tool, run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.2f}"


def fmt_mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def fmt_bytes(n: float) -> str:
    return f"{n / 2**20:.1f} MiB" if n < 2**30 else f"{n / 2**30:.2f} GiB"


def spread(values: list[float], fmt) -> str:
    return f"{fmt(med(values))} ({fmt(min(values))}–{fmt(max(values))})"


def summary(runs: list[Run]) -> dict[str, float]:
    return {
        "wall": med([r.wall for r in runs]),
        "cpu": med([r.cpu for r in runs]),
        "rss": med([r.rss_kib for r in runs]),
        "rss_max": max(r.rss_kib for r in runs),
    }


def targets(results: list[Result], serve: list[tuple[str, float | None]]) -> list[tuple[str, str, str]]:
    tmpfs = {r.size: r for r in results if r.fs == "tmpfs" and not r.skipped}
    rows = []
    at = tmpfs.get(TARGET_SIZE)
    fresh_label = f"{TARGET_SIZE:,} fiches within {TARGET_WALL_RATIO}× the floor's wall time, each into a fresh output folder (tmpfs, medians)"
    rss_label = f"peak RSS ≤ {TARGET_RSS_KIB // 1024} MiB at {TARGET_SIZE:,} fiches (tmpfs, worst run, fresh and rebuild)"
    rebuild_label = (
        f"rebuild of {TARGET_SIZE:,} fiches over the previous site within {TARGET_WALL_RATIO}× the floor's "
        "rebuild (tmpfs, medians)"
    )
    if at:
        syn, flo = summary(at.runs["synergies"]), summary(at.runs["floor"])
        ratio = syn["wall"] / flo["wall"]
        rows.append(
            (
                fresh_label,
                f"{ratio:.2f}× ({fmt_s(syn['wall'])} s vs {fmt_s(flo['wall'])} s)",
                "met" if ratio <= TARGET_WALL_RATIO else "not met",
            )
        )
        rss_max = max(syn["rss_max"], summary(at.rebuilds["synergies"])["rss_max"])
        rows.append((rss_label, fmt_mib(rss_max), "met" if rss_max <= TARGET_RSS_KIB else "not met"))
        syn_r, flo_r = summary(at.rebuilds["synergies"]), summary(at.rebuilds["floor"])
        ratio = syn_r["wall"] / flo_r["wall"]
        rows.append(
            (
                rebuild_label,
                f"{ratio:.2f}× ({fmt_s(syn_r['wall'])} s vs {fmt_s(flo_r['wall'])} s; "
                f"{syn_r['wall'] / flo['wall']:.2f}× the floor's fresh build)",
                "met" if ratio <= TARGET_WALL_RATIO else "not met",
            )
        )
        one = summary(at.runs["floor-1"])
        one_r = summary(at.rebuilds["floor-1"])
        for label, mine, theirs in (
            (fresh_label, syn, one),
            (rebuild_label, syn_r, one_r),
        ):
            ratio = mine["wall"] / theirs["wall"]
            rows.append(
                (
                    "for reference, not a target: "
                    + label.replace("the floor's", "the floor on one thread's", 1),
                    f"{ratio:.2f}× ({fmt_s(mine['wall'])} s vs {fmt_s(theirs['wall'])} s)",
                    "reference (≤ 1.5×)" if ratio <= TARGET_WALL_RATIO else "reference (> 1.5×)",
                )
            )
    else:
        rows += [(label, "—", "not measured") for label in (fresh_label, rss_label, rebuild_label)]
    big, mid = tmpfs.get(LINEAR_SIZE), tmpfs.get(TARGET_SIZE)
    label = (
        f"linear growth to {LINEAR_SIZE:,}: wall µs/fiche and RSS KiB/fiche at {LINEAR_SIZE:,} "
        f"≤ {LINEAR_TOLERANCE}× those at {TARGET_SIZE:,} (tmpfs)"
    )
    if big and mid:
        b, m = summary(big.runs["synergies"]), summary(mid.runs["synergies"])
        wall_growth = (b["wall"] / LINEAR_SIZE) / (m["wall"] / TARGET_SIZE)
        rss_growth = (b["rss"] / LINEAR_SIZE) / (m["rss"] / TARGET_SIZE)
        ok = wall_growth <= LINEAR_TOLERANCE and rss_growth <= LINEAR_TOLERANCE
        rows.append((label, f"time ×{wall_growth:.2f}, memory ×{rss_growth:.2f}", "met" if ok else "not met"))
    else:
        rows.append((label, "—", "not measured"))
    for label, median in serve:
        if median is None:
            rows.append((label, "—", "not measured"))
        else:
            shown = f"{median:.1f} ms" if median != float("inf") else "an edit's page never came"
            rows.append((label, shown, "met" if median <= TARGET_SERVE_MS else "not met"))
    return rows


def render(
    results: list[Result],
    machine: dict[str, str],
    command: str,
    runs: int,
    spawner: Spawner,
    baseline: Run,
    places: dict[str, Path],
    started: tuple[float, float, float],
    ended: tuple[float, float, float],
    elapsed: float,
    serve: list[tuple[str, float | None]],
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "`synergies build` against the *floor* (`../shared/bench/floor`: walk, split the front matter,",
        "parse TOML, render Markdown, write one page per fiche, per term and an index with plain string",
        "formatting, on all cores with rayon, as its README runs it: the targets' floor; and, for reference",
        "only, the same floor on one thread, see bench/run.py's TOOLS) on the synthetic register of",
        "`../shared/bench/gen.py --layout fr`. Regenerate this file with:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Each tool: one warm-up, then {runs} measured runs, alternating synergies / floor / floor on one thread, each into a",
        "fresh output folder (deleted outside the timing); then the rebuilds, measured the same way:",
        "one build of each tool into its own folder, then "
        + f"{runs} rebuilds of each, alternating, each over the same tool's previous",
        "site (synergies writes the new site beside it, swaps them and deletes the old one before it",
        "exits; the floor writes over its files). Wall time around the child; CPU (user + sys)",
        "and peak RSS from `wait4` for the tool process alone"
        + (
            ": it is started through `setsid -f` and re-parented\nto the script, so its `ru_maxrss` does not"
            " include the Python parent's memory."
            if spawner.isolated
            else ".\n**Peak RSS includes the Python parent's own peak** (`setsid` or the subreaper was unavailable)."
        ),
        f"Measuring overhead (`true` started the same way): {baseline.wall * 1000:.1f} ms, "
        f"{fmt_mib(baseline.rss_kib)}. Medians, with (min–max).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    for key, value in machine.items():
        lines.append(f"| {key} | {value} |")
    lines.append(
        f"| load average (1, 5, 15 min) | start {started[0]:.2f}, {started[1]:.2f}, {started[2]:.2f}; "
        f"end {ended[0]:.2f}, {ended[1]:.2f}, {ended[2]:.2f} |"
    )
    lines.append(f"| duration of the run | {elapsed / 60:.0f} min |")
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    for target, measured, verdict in targets(results, serve):
        lines.append(f"| {target} | {measured} | **{verdict}** |")

    for fs in ("tmpfs", "disk"):
        rows = [r for r in results if r.fs == fs]
        if not rows:
            continue
        lines += [
            "",
            f"## {'tmpfs' if fs == 'tmpfs' else 'Disk'} (`{places[fs]}`, {fs_type(places[fs])})",
            "",
            "| fiches | synergies wall (s) | CPU (s) | peak RSS | output | floor wall (s) | floor RSS | ratio wall | ratio RSS | floor, one thread, wall (s) | ratio wall |",
            "|---:|---|---:|---|---|---|---:|---:|---:|---|---:|",
        ]
        for r in rows:
            if r.skipped:
                lines.append(f"| {r.size:,} | skipped: {r.skipped} | | | | | | | | | |")
                continue
            syn, flo, one = r.runs["synergies"], r.runs["floor"], r.runs["floor-1"]
            s, f, o = summary(syn), summary(flo), summary(one)
            lines.append(
                f"| {r.size:,} | {spread([x.wall for x in syn], fmt_s)} | {fmt_s(s['cpu'])} "
                f"| {spread([x.rss_kib for x in syn], fmt_mib)} "
                f"| {fmt_bytes(med([x.out_bytes for x in syn]))}, {int(med([x.out_files for x in syn])):,} files "
                f"| {spread([x.wall for x in flo], fmt_s)} | {fmt_mib(f['rss'])} "
                f"| {s['wall'] / f['wall']:.2f}× | {s['rss'] / f['rss']:.2f}× "
                f"| {spread([x.wall for x in one], fmt_s)} | {s['wall'] / o['wall']:.2f}× |"
            )
    for fs in ("tmpfs", "disk"):
        rows = [r for r in results if r.fs == fs and not r.skipped]
        if not rows:
            continue
        lines += [
            "",
            f"## Rebuild over the previous site, {'tmpfs' if fs == 'tmpfs' else 'disk'} (`{places[fs]}`)",
            "",
            "| fiches | synergies wall (s) | CPU (s) | peak RSS | floor wall (s) | floor CPU (s) | ratio wall | vs own fresh build | vs floor's fresh build | floor, one thread, wall (s) | ratio wall |",
            "|---:|---|---:|---|---|---:|---:|---:|---:|---|---:|",
        ]
        for r in rows:
            syn, flo = r.rebuilds["synergies"], r.rebuilds["floor"]
            s, f = summary(syn), summary(flo)
            fresh, floor_fresh = summary(r.runs["synergies"]), summary(r.runs["floor"])
            one = r.rebuilds["floor-1"]
            lines.append(
                f"| {r.size:,} | {spread([x.wall for x in syn], fmt_s)} | {fmt_s(s['cpu'])} "
                f"| {spread([x.rss_kib for x in syn], fmt_mib)} "
                f"| {spread([x.wall for x in flo], fmt_s)} | {fmt_s(f['cpu'])} "
                f"| {s['wall'] / f['wall']:.2f}× | {s['wall'] / fresh['wall']:.2f}× | {s['wall'] / floor_fresh['wall']:.2f}× "
                f"| {spread([x.wall for x in one], fmt_s)} | {s['wall'] / summary(one)['wall']:.2f}× |"
            )
    lines += [
        "",
        "## Cost per fiche",
        "",
        "Medians divided by the number of fiches; roughly constant (or falling, as fixed costs are",
        "spread) from one size to the next means linear growth.",
        "",
        "| file system | fiches | synergies wall µs | CPU µs | RSS KiB | output KiB | floor wall µs | floor RSS KiB | floor output KiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.skipped:
            continue
        s, f = summary(r.runs["synergies"]), summary(r.runs["floor"])
        out = med([x.out_bytes for x in r.runs["synergies"]])
        floor_out = med([x.out_bytes for x in r.runs["floor"]])
        n = r.size
        lines.append(
            f"| {r.fs} | {n:,} | {s['wall'] * 1e6 / n:.0f} | {s['cpu'] * 1e6 / n:.0f} | {s['rss'] / n:.2f} "
            f"| {out / 1024 / n:.1f} | {f['wall'] * 1e6 / n:.0f} | {f['rss'] / n:.2f} | {floor_out / 1024 / n:.1f} |"
        )
    lines += [
        "",
        "Notes: on disk the timing excludes write-back (pages are flushed with `sync` before each run,",
        "not after it) and varies a lot on a VM; compare on tmpfs. The two tools do not write the same",
        "site (synergies adds exports, statistics, the annual report and search, and its pages are",
        "richer: compare the output columns), so the ratios compare the whole job of each.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    if not text.strip():
        return []
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a comma-separated list of numbers, got {text!r}")
    if any(n <= 0 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sorted(set(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES, help="fiche counts, e.g. 1000,10000,100000")
    parser.add_argument(
        "--disk-sizes",
        type=parse_sizes,
        default=None,
        help=f"fiche counts on disk (default: the --sizes up to {DISK_MAX_DEFAULT:,}; empty: no disk runs)",
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per tool and size (default 5)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: beside the repository, or beside the folder of worktrees)")
    parser.add_argument("--tmpfs", type=Path, default=Path("/dev/shm"), help="tmpfs folder for corpora and outputs ('' to skip)")
    parser.add_argument("--disk", type=Path, default=Path("/var/tmp"), help="on-disk folder for corpora and outputs ('' to skip)")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md", help="report to write (default: BENCHMARKS.md)")
    parser.add_argument(
        "--note",
        default="shared VM: other jobs may run at the same time, so absolute times are noisy; the ratios are more stable",
        help="free text about the machine, recorded in the report",
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency measurement (bench/serve_latency.py)")
    parser.add_argument("--no-browser", action="store_true", help="skip the index page measurement in Chromium (bench/index_usability.mjs)")
    parser.add_argument("--no-nesting", action="store_true", help="skip the deeply nested bodies (bench/nesting.py)")
    parser.add_argument("--usability-size", type=int, default=10000, help="fiches for the serve and Chromium measurements (default 10000)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if sys.platform != "linux":
        die("Linux only (ru_maxrss, /proc, tmpfs)")
    disk_sizes = args.disk_sizes if args.disk_sizes is not None else [n for n in args.sizes if n <= DISK_MAX_DEFAULT]
    places: dict[str, Path] = {}
    plan: list[tuple[str, int]] = []
    for fs, place, sizes in (("tmpfs", args.tmpfs, args.sizes), ("disk", args.disk, disk_sizes)):
        if str(place) in ("", ".") or not sizes:
            continue
        if not place.is_dir():
            die(f"{place} is not a folder (--{fs})")
        places[fs] = place
        kind = fs_type(place)
        if (fs == "tmpfs") != (kind == "tmpfs"):
            log(f"warning: --{fs} {place} is on a {kind} file system")
        plan += [(fs, n) for n in sizes]
    if not plan:
        die("nothing to measure")
    gen = args.shared / "bench" / "gen.py"
    if not gen.is_file():
        die(f"{gen} not found (use --shared to point at the shared folder)")

    started_at = time.monotonic()
    started_load = os.getloadavg()
    binaries = {"synergies": cargo_build(REPO, "synergies", "synergies"), "floor": build_floor(args.shared)}
    machine = machine_info(args.note)
    spawner = Spawner()
    with tempfile.TemporaryDirectory() as scratch:
        baselines = [spawner.run(["true"], Path(scratch) / "true.log")[1] for _ in range(5)]
    baseline = Run(wall=med([b.wall for b in baselines]), cpu=0, rss_kib=int(med([b.rss_kib for b in baselines])))

    results: list[Result] = []
    bytes_per_fiche: dict[str, float] = {}
    for fs, size in plan:
        results.append(measure_size(fs, places[fs], size, args.runs, gen, binaries, spawner, bytes_per_fiche))

    command = "python3 bench/run.py"
    if args.sizes != DEFAULT_SIZES:
        command += " --sizes " + ",".join(map(str, args.sizes))
    if args.disk_sizes is not None:
        command += " --disk-sizes " + (",".join(map(str, args.disk_sizes)) or "''")
    if args.runs != 5:
        command += f" --runs {args.runs}"
    for option, value, default in (
        ("--shared", args.shared, DEFAULT_SHARED),
        ("--tmpfs", args.tmpfs, Path("/dev/shm")),
        ("--disk", args.disk, Path("/var/tmp")),
    ):
        if value != default:
            command += f" {option} " + ("''" if str(value) in ("", ".") else str(value))
    extra, serve = extra_sections(args, binaries["synergies"], gen)
    text = render(
        results,
        machine,
        command,
        args.runs,
        spawner,
        baseline,
        places,
        started_load,
        os.getloadavg(),
        time.monotonic() - started_at,
        serve,
    )
    text += extra
    text += kept_sections(args.out)
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out}")


def extra_sections(args: argparse.Namespace, binary: Path, gen: Path) -> tuple[str, list[tuple[str, float | None]]]:
    """The serve latency, the index page in Chromium and the deeply nested bodies, each measured
    by its own script, whose Markdown section is appended as it is; and the serve medians for the
    Targets table (label, milliseconds or None)."""
    sections = []
    serve: list[tuple[str, float | None]] = []
    n = args.usability_size
    if not args.no_serve:
        for edit, what in (("body", "a body"), ("front", "a front matter")):
            log(f"serve latency at {n} fiches, edits of the {edit} (bench/serve_latency.py)")
            with tempfile.TemporaryDirectory() as scratch:
                results = Path(scratch) / "serve.json"
                done = subprocess.run(
                    [sys.executable, str(REPO / "bench" / "serve_latency.py"), "--binary", str(binary), "--n", str(n),
                     "--edits", "20", "--edit", edit, "--json", str(results)],
                    capture_output=True, text=True,
                )
                try:
                    edits = json.loads(results.read_text(encoding="utf-8"))["edits"]
                    latencies = [e["latency_ms"] for e in edits if e["latency_ms"] is not None]
                    # An edit whose page never came counts as missing the target.
                    median = med(latencies) if latencies and len(latencies) == len(edits) else float("inf")
                except (OSError, ValueError, KeyError):
                    median = None
            serve.append(
                (f"`serve`: after an edit of {what}, its page served within {TARGET_SERVE_MS:.0f} ms at {n:,} fiches (median)", median)
            )
            sections.append(done.stdout.strip() or f"## serve ({edit})\n\nnot measured: {done.stderr.strip()[-500:]}")
    if not args.no_browser:
        place = args.tmpfs if str(args.tmpfs) not in ("", ".") else Path(tempfile.gettempdir())
        with tempfile.TemporaryDirectory(dir=place) as scratch:
            corpus, site = Path(scratch) / "corpus", Path(scratch) / "site"
            log(f"index page in Chromium at {n} fiches (bench/index_usability.mjs)")
            subprocess.run([sys.executable, str(gen), "--n", str(n), "--layout", "fr", "--out", str(corpus)], check=True, capture_output=True)
            subprocess.run([str(binary), "build", "--root", str(corpus), "-o", str(site)], check=True, capture_output=True)
            done = subprocess.run(
                ["node", str(REPO / "bench" / "index_usability.mjs"), "--site", str(site)],
                capture_output=True, text=True,
            )
            sections.append(done.stdout.strip() or f"## Index page in Chromium\n\nnot measured: {done.stderr.strip()[-500:]}")
    if not args.no_nesting:
        log("deeply nested bodies (bench/nesting.py)")
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / "nesting.py"), "--binary", str(binary)],
            capture_output=True, text=True,
        )
        sections.append(done.stdout.strip() or f"## Deeply nested bodies\n\nnot measured: {done.stderr.strip()[-500:]}")
    return "".join(f"\n{section}\n" for section in sections), serve


KEPT_MARKER = "<!-- Written by hand, kept as it is by bench/run.py: measured decisions. -->"


def kept_sections(out: Path) -> str:
    """The part of the previous report from KEPT_MARKER on: measurements written by hand, one
    decision each, which this script does not redo."""
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    at = previous.find(KEPT_MARKER)
    return "" if at < 0 else "\n" + previous[at:]


def interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, interrupted)  # clean up as after Ctrl+C
    try:
        main()
    except KeyboardInterrupt:
        die("interrupted")
