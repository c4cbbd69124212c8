#!/usr/bin/env python3
"""Measures the `synergies serve` latency target of issue 18: after one fiche is edited in a
10,000-fiche register, the changed pages are served within 50 ms (from the file write to the
new page being served, median of 20 edits).

    python3 bench/serve_latency.py [--binary target/release/synergies] [--n 10000]
                                   [--edits 20] [--edit body|front]
                                   [--workdir /dev/shm/synergies-serve-bench]
                                   [--port 0] [--json results.json]

Steps: generate a register with the shared gen.py (layout `fr`) in --workdir, copy the binary
there (a rebuild of the repo cannot disturb the run), start `serve`, wait for index.html to
answer 200 (initial build time), then for each edit append a unique marker paragraph to one
fiche (spread over the domains; with --edit front, an `economies` line holding the marker is
added to its front matter instead), take t0 right after the write is closed and poll the fiche's
page over one keep-alive connection (~1 ms between requests) until its body holds the marker.
Once it does, the search data (assets/recherche-donnees.js, which indexes the body text) is
checked too. The server's own report line ("Site reconstruit en …") is kept for each edit.
Files are restored and the server stopped (SIGINT, then SIGTERM, then SIGKILL) at the end.
Prints a Markdown section on stdout; progress goes to stderr.

Linux only, Python >= 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = Path("/work/shared/bench/gen.py")
TARGET_MS = 50.0
EDIT_TIMEOUT = 30.0  # seconds before one edit is recorded as failed
START_TIMEOUT = 300.0  # seconds for the initial build
QUIET = 0.3  # seconds of quiet between edits
SEARCH_PATH = "/assets/recherche-donnees.js"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def die(message: str) -> None:
    log(f"bench/serve_latency.py: error: {message}")
    sys.exit(1)


def slugify(name: str) -> str:
    """Close enough to the `slug` crate for gen.py's names (which are already slugs)."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "sans-nom"


class Server:
    """`synergies serve` as a child; its stdout and stderr lines are collected by threads."""

    def __init__(self, binary: Path, root: Path, port: int) -> None:
        cmd = [str(binary), "serve", "--root", str(root), "--port", str(port)]
        log("$ " + " ".join(cmd))
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", errors="replace")
        self.out: list[tuple[float, str]] = []  # (monotonic time, line)
        self.err: collections.deque[str] = collections.deque(maxlen=40)
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, None)):
            threading.Thread(target=self._read, args=(stream, sink), daemon=True).start()

    def _read(self, stream, sink) -> None:
        for line in stream:
            if sink is None:
                self.err.append(line.rstrip("\n"))
            else:
                sink.append((time.monotonic(), line.rstrip("\n")))

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            time.sleep(0.2)  # let the reader threads drain
            die(f"serve exited with code {self.proc.returncode}; stderr tail:\n"
                + "\n".join(self.err))

    def stop(self) -> None:
        for sig, wait in ((signal.SIGINT, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
            if self.proc.poll() is not None:
                break
            self.proc.send_signal(sig)
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                log(f"serve did not stop on {sig.name}")


class Client:
    """GET over one keep-alive connection, reconnecting when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port, self.conn = port, None

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


POLL = 0.001  # seconds between two polls (--poll-ms)


def wait_until(pred, timeout: float, server: Server) -> float | None:
    """Polls `pred` (POLL apart) until true; the time it first was, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return time.monotonic()
        server.check_alive()
        time.sleep(POLL)
    return None


def pick_fiches(content: Path, count: int) -> list[tuple[Path, str]]:
    """`count` fiches, round-robin over the domains, spread inside each; with their URL."""
    domains = sorted(d for d in content.iterdir() if d.is_dir())
    files = {d: sorted(f for f in d.glob("*.md") if f.name != "_index.md") for d in domains}
    domains = [d for d in domains if files[d]]
    picked = []
    for i in range(count):
        d = domains[i % len(domains)]
        f = files[d][(i // len(domains) * 7919 + 13 * i) % len(files[d])]
        picked.append((f, f"/domaines/{slugify(d.name)}/{slugify(f.stem)}.html"))
    return picked


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=REPO / "target/release/synergies")
    ap.add_argument("--n", type=int, default=10000, help="fiches in the register")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--workdir", type=Path, default=Path("/dev/shm/synergies-serve-bench"))
    ap.add_argument("--port", type=int, default=0, help="0 (default): a free port")
    ap.add_argument("--json", type=Path, help="write the raw results there")
    ap.add_argument("--edit", choices=("body", "front"), default="body",
                    help="what each edit changes: the body (a marker paragraph appended, the "
                    "default) or the front matter (an `economies` line holding the marker)")
    ap.add_argument("--poll-ms", type=float, default=1.0,
                    help="sleep between two requests while waiting (default 1); polling costs "
                    "CPU that the rebuild may need on a small machine")
    args = ap.parse_args()
    global POLL
    POLL = args.poll_ms / 1000
    if not args.binary.is_file():
        die(f"no binary at {args.binary} (build it with `cargo build --release`)")

    # Corpus and a private copy of the binary.
    args.workdir.mkdir(parents=True, exist_ok=True)
    binary = args.workdir / "synergies"
    shutil.copy2(args.binary, binary)
    root = args.workdir / f"register-{args.n}"
    subprocess.run([sys.executable, str(GEN), "--n", str(args.n), "--layout", "fr",
                    "--out", str(root), "--force"], check=True, stdout=sys.stderr)
    fiches = pick_fiches(root / "content", args.edits)
    originals = {f: f.read_bytes() for f, _ in fiches}

    server = Server(binary, root, args.port)
    results, initial = [], {}
    try:
        # --port 0 lets the server choose; its URL line gives the port (printed after the build).
        url = re.compile(r"https?://[^ ]+:(\d+)/index\.html")
        found = wait_until(lambda: any(url.search(l) for _, l in server.out), START_TIMEOUT, server)
        if found is None:
            die(f"serve printed no URL within {START_TIMEOUT:.0f} s")
        port = int(next(m.group(1) for _, l in server.out if (m := url.search(l))))
        client = Client(port)
        served = wait_until(lambda: client.get("/index.html")[0] == 200, START_TIMEOUT, server)
        if served is None:
            die("index.html never answered 200")
        initial = {"first_page_s": served - server.started,
                   "server_report": next((l for _, l in server.out if "construit" in l), "")}
        log(f"first page served after {initial['first_page_s']:.2f} s: {initial['server_report']}")
        for _, path in fiches:  # fail loudly on a wrong URL before touching anything
            if (status := client.get(path)[0]) != 200:
                die(f"{path} answers {status}: the fiche URL scheme is not the one assumed")

        for i, (file, path) in enumerate(fiches):
            marker = f"Marqueur de mesure {i}-{secrets.token_hex(4)}"
            needle, search_needle = marker.encode(), marker.lower().replace("-", " ").encode()
            lines_before = len(server.out)
            original = originals[file].decode("utf-8")
            if args.edit == "body":
                text = original.rstrip("\n") + f"\n\n{marker}\n"
            else:  # a new last line of the front matter, before its closing +++
                end = original.index("\n+++", 3)
                text = original[:end] + f'\neconomies = "{marker}"' + original[end:]
            with open(file, "w", encoding="utf-8") as fh:  # no fsync: plain write and close
                fh.write(text)
            t0 = time.monotonic()
            t1 = wait_until(lambda: needle in client.get(path)[1], EDIT_TIMEOUT, server)
            # The site is swapped whole: the search data should already be there.
            ts = t1 and wait_until(lambda: search_needle in client.get(SEARCH_PATH)[1],
                                   EDIT_TIMEOUT, server)
            # Settle: wait for the server's report of this rebuild, then some quiet time.
            wait_until(lambda: any("construit" in l for _, l in server.out[lines_before:]),
                       5.0, server)
            time.sleep(QUIET)
            report = [l for _, l in server.out[lines_before:]]
            row = {"file": str(file.relative_to(root)), "url": path,
                   "latency_ms": None if t1 is None else (t1 - t0) * 1000,
                   "search_ms": None if not ts else (ts - t0) * 1000, "server": report}
            results.append(row)
            shown = "FAILED" if t1 is None else f"{row['latency_ms']:.1f} ms"
            log(f"edit {i + 1:2}/{len(fiches)}: {shown}  {' | '.join(report)}")
    finally:
        for file, data in originals.items():
            file.write_bytes(data)
        server.stop()
        if server.proc.returncode not in (0, None):
            log(f"serve ended with code {server.proc.returncode}; stderr tail:\n"
                + "\n".join(server.err))

    ok = [r["latency_ms"] for r in results if r["latency_ms"] is not None]
    rebuild = [float(m.group(1).replace(",", ".")) * (1000 if m.group(2) == "s" else 1)
               for r in results for l in r["server"]
               if (m := re.search(r"reconstruit en ([\d,]+) (ms|s)", l))]
    nproc = os.cpu_count()
    what = "a body" if args.edit == "body" else "a front matter (`economies`)"
    print(f"## serve: edit of {what} → page served ({args.n} fiches)\n")
    print("| measure | value |\n|---|---|")
    if ok:
        met = "met" if statistics.median(ok) <= TARGET_MS else "**not met**"
        print(f"| median | {statistics.median(ok):.1f} ms |")
        print(f"| min / p90 / max | {min(ok):.1f} / {percentile(ok, 0.9):.1f} / {max(ok):.1f} ms |")
        print(f"| target | ≤ {TARGET_MS:.0f} ms median: {met} |")
    print(f"| edits measured / failed | {len(ok)} / {len(results) - len(ok)} |")
    if rebuild:
        print(f"| server's rebuild time, median (its own report) | {statistics.median(rebuild):.0f} ms |")
    print(f"| initial build (start → index.html 200) | {initial.get('first_page_s', 0):.2f} s |")
    print(f"| machine | {nproc} CPUs (`nproc`), {args.workdir}, polling every {args.poll_ms:g} ms |")
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "nproc": nproc, "initial": initial,
                                         "edits": results, "server_stderr": list(server.err)}, indent=2, ensure_ascii=False))
    if len(ok) < len(results):
        sys.exit(1)


if __name__ == "__main__":
    main()
