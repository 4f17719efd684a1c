#!/usr/bin/env python3
"""The web pages benchmark of BENCHMARKS.md (a benchmark, not a test).

`cheeseshop serve` on a data directory loaded with N real project names (default 100,000) taken
from a PyPI names file (name, version, summary), each with one tiny wheel uploaded through the
legacy upload API. Then wrk measures the project page (one name, and 1,000 names at random),
search, a simple page and the home page. Run it through scripts/bench-pages.sh, which makes the
venv (requests, packaging) and finds wrk and the binary.

Results: WORK/bench-pages/results.md and results.json.
"""
import argparse
import base64
import collections
import hashlib
import io
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

import requests
from packaging.version import InvalidVersion, Version

NAME_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
SIDECAR = "bench-pages.json"  # what a --keep run leaves in the data dir for a --reuse run
COMMON_WORDS = ["python", "django", "api", "client", "library", "data", "tool", "flask", "plugin", "package",
                "json", "async", "cli", "test", "web", "http", "aws", "google", "server", "framework", "parser",
                "simple", "wrapper", "machine", "learning", "pytest", "sdk", "database", "image", "file"]
STOP_WORDS = set("the and for with from that this your you are can not using use into its his her was were has have "
                 "will all any but our out one two via based which when what more most other also such than then "
                 "them they their there these those some just only about over under very".split())


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def clean_summary(text):
    return CONTROL_RE.sub(" ", text).strip()[:512]


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------------------------------------
# The names file

def read_projects(path, n):
    """Valid, unique (after PEP 503 normalization) names from the names file, spread over it: every
    k-th row, then the rows in between as a reserve for names the server refuses."""
    rows, seen = [], set()
    with open(path, encoding="utf-8", errors="replace") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {h: i for i, h in enumerate(header)}
        for required in ("name", "version", "summary"):
            if required not in col:
                sys.exit(f"{path}: no '{required}' column in the header {header}")
        rank_col = col.get("rank_among_15000_most_downloaded")
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < len(header):
                parts += [""] * (len(header) - len(parts))
            name = parts[col["name"]]
            if not NAME_RE.match(name):
                continue
            key = normalize(name)
            if key in seen:
                continue
            seen.add(key)
            rank = parts[rank_col] if rank_col is not None else ""
            rows.append({"name": name, "version": parts[col["version"]], "summary": clean_summary(parts[col["summary"]]),
                         "rank": int(rank) if rank.isdigit() else None})
    if not rows:
        sys.exit(f"{path}: no valid project names")
    k = max(1, len(rows) // n)
    order = [rows[i] for offset in range(k) for i in range(offset, len(rows), k)]
    return order, len(rows), k


def wheel_version(raw):
    try:
        return str(Version(raw))
    except InvalidVersion:
        return "1.0"


def make_wheel(name, version, summary):
    """A tiny valid wheel: one module, METADATA 2.1 with a Markdown description, WHEEL, RECORD."""
    dist = re.sub(r"[-_.]+", "_", name)
    filename = f"{dist}-{version}-py3-none-any.whl"
    info = f"{dist}-{version}.dist-info"
    body = (f"# {name}\n\n{summary or 'A project'}.\n\nThis is **{name}** {version}, loaded by the "
            f"*cheeseshop* pages benchmark.\n\n```\npip install {name}\n```\n\n- one module\n- no dependencies\n")
    meta = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
            f"Description-Content-Type: text/markdown\n\n{body}").encode()
    wheel = b"Wheel-Version: 1.0\nGenerator: bench-pages\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = {f"{dist.lower()}.py": f"# {name}\n".encode(), f"{info}/METADATA": meta, f"{info}/WHEEL": wheel}
    record = io.StringIO()
    for path, content in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        record.write(f"{path},sha256={digest},{len(content)}\n")
    record.write(f"{info}/RECORD,,\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, content in files.items():
            z.writestr(path, content)
        z.writestr(f"{info}/RECORD", record.getvalue())
    return filename, buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The server

class Server:
    def __init__(self, binary, data, log_path, port):
        self.binary, self.data, self.port = binary, data, port
        self.log = open(log_path, "ab")
        self.pid_file = os.path.join(os.path.dirname(log_path), "server.pid")  # bench-pages.sh's trap reads it
        self.proc = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", self.data,
             "--new-project-limit", "1000000 per hour"],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "SWIFT_BACKTRACE": "enable=no"})
        with open(self.pid_file, "w") as f:
            f.write(f"{self.proc.pid}\n")
        for _ in range(600):
            if self.proc.poll() is not None:
                sys.exit(f"the server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                if requests.get(f"{self.url}/_health/", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        sys.exit(f"the server did not answer /_health/ within 60 s; see {self.log.name}")

    def status(self, field):
        """A /proc/PID/status field in kB (VmHWM, VmRSS)."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except (OSError, AttributeError):
            pass
        return None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if os.path.exists(self.pid_file):
            os.remove(self.pid_file)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


# ---------------------------------------------------------------------------------------------
# Loading

def load(server, token, candidates, n, threads, max_load_s):
    """Uploads one wheel per candidate until n projects are in. Returns the loaded rows and stats;
    exits on any answer other than 200 or a 400 with a message (a name refused for a reason)."""
    url = f"{server.url}/legacy/"
    lock = threading.Lock()
    it = iter(candidates)
    loaded, refused, failures = [], [], []
    state = {"in_flight": 0, "stop": None}
    t0 = time.monotonic()

    def take():
        with lock:
            if state["stop"] or failures:
                return None
            if len(loaded) + state["in_flight"] >= n:
                return None
            if time.monotonic() - t0 > max_load_s:
                state["stop"] = "max-load-s"
                return None
            row = next(it, None)
            if row is None:
                state["stop"] = "candidates exhausted"
                return None
            state["in_flight"] += 1
            return row

    def worker():
        session = requests.Session()
        session.auth = ("__token__", token)
        while (row := take()) is not None:
            version = wheel_version(row["version"])
            filename, content = make_wheel(row["name"], version, row["summary"])
            fields = {":action": "file_upload", "protocol_version": "1", "name": row["name"], "version": version,
                      "filetype": "bdist_wheel", "pyversion": "py3", "metadata_version": "2.1",
                      "summary": row["summary"], "sha256_digest": hashlib.sha256(content).hexdigest()}
            try:
                r = session.post(url, data=fields, files={"content": (filename, content, "application/octet-stream")},
                                 timeout=120)
                status, text = r.status_code, r.text
            except requests.RequestException as e:
                status, text = None, str(e)
            with lock:
                state["in_flight"] -= 1
                if status == 200:
                    loaded.append({**row, "version": version, "normalized": normalize(row["name"])})
                    done = len(loaded)
                    if done % 5000 == 0:
                        el = time.monotonic() - t0
                        log(f"  loaded {done}/{n} in {el:.0f} s ({done / el:.0f} uploads/s)")
                elif status == 400 and text.strip():
                    refused.append((row["name"], text.strip().replace("\n", " ")[:200]))
                else:
                    failures.append((row["name"], status, text.strip().replace("\n", " ")[:300]))

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - t0
    if failures:
        for name, status, text in failures[:10]:
            log(f"  FAILED {name}: HTTP {status}: {text}")
        sys.exit(f"{len(failures)} uploads failed (not a refused name); see above and the server log")
    if refused:
        log(f"  {len(refused)} names refused by the server (400), replaced from the reserve; the first few:")
        for name, text in refused[:8]:
            log(f"    {name}: {text}")
    if state["stop"]:
        log(f"  WARNING: load stopped early ({state['stop']}) with {len(loaded)} of {n} projects")
    stats = {"n_requested": n, "n_loaded": len(loaded), "refused": len(refused),
             "refused_examples": [list(x) for x in refused[:20]], "stopped_early": state["stop"],
             "load_s": round(elapsed, 1), "uploads_per_s": round(len(loaded) / elapsed, 1) if elapsed else None,
             "threads": threads}
    return loaded, stats


# ---------------------------------------------------------------------------------------------
# Measuring

def lua_list(values):
    return "{\n" + ",\n".join(json.dumps(v) for v in values) + "\n}"


def write_lua(path, values, prefix, suffix, pick):
    """A wrk script asking for prefix..value..suffix, value random (pick="random") or in turn."""
    chooser = ("values[math.random(#values)]" if pick == "random"
               else "values[(counter % #values) + 1]")
    with open(path, "w") as f:
        f.write(f"-- written by scripts/bench-pages.py\nlocal values = {lua_list(values)}\n"
                "local counter = 0\nmath.randomseed(42)\n"
                "request = function()\n"
                f"  local v = {chooser}\n  counter = counter + 1\n"
                f"  return wrk.format(\"GET\", {json.dumps(prefix)} .. v .. {json.dumps(suffix)})\nend\n")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return round(float(m.group(1)) * UNITS[m.group(2)], 3) if m else None


def run_wrk(wrk, url, duration, connections, script=None):
    cmd = [wrk, "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60).stdout
    res = {"cmd": " ".join(shlex.quote(c) for c in cmd)}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else None
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        res[f"p{pct}_ms"] = to_ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non_2xx_3xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Transfer/sec:\s+(\S+)", out)
    res["transfer_per_s"] = m.group(1) if m else None
    if res["rps"] is None:
        res["raw"] = out[-2000:]
    return res


def check_page(url):
    """One GET before wrk: the page must answer 200 itself (wrk counts 3xx as success)."""
    t0 = time.perf_counter()
    r = requests.get(url, timeout=120, allow_redirects=False)
    ms = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        sys.exit(f"GET {url} -> HTTP {r.status_code} (expected 200): {r.text[:200]}")
    return {"bytes": len(r.content), "first_get_ms": round(ms, 1)}


def search_words(loaded, count, rng):
    words = collections.Counter()
    for row in loaded:
        for w in set(re.findall(r"[a-z]{3,}", row["summary"].lower())):
            if w not in STOP_WORDS:
                words[w] += 1
    chosen = [w for w in COMMON_WORDS if words[w] > 0]
    chosen += [w for w, _ in words.most_common(60) if w not in chosen]
    rest = sorted(w for w in words if w not in chosen)
    rng.shuffle(rest)
    chosen += rest[:max(0, count - len(chosen))]
    return chosen[:count], words


# ---------------------------------------------------------------------------------------------

def build_kind(binary):
    """debug / release, from --version if the binary has one, else the build paths it carries."""
    try:
        r = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10)
        if r.returncode == 0 and r.stdout.strip():
            v = r.stdout.strip()
            return ("debug" if "debug" in v.lower() else "release" if "release" in v.lower() else "unknown"), v
    except OSError:
        pass
    real = os.path.realpath(binary)
    if "/debug/" in real:
        return "debug", f"path {real}"
    if "/release/" in real:
        return "release", f"path {real}"
    # SwiftPM binaries keep their build directory in their debug info / module paths.
    found = {"debug": False, "release": False}
    pattern = re.compile(rb"-linux-gnu/(debug|release)/")
    with open(real, "rb") as f:
        tail = b""
        while chunk := f.read(1 << 24):
            for m in pattern.finditer(tail + chunk):
                found[m.group(1).decode()] = True
            if all(found.values()):
                break
            tail = chunk[-64:]
    if found["debug"] != found["release"]:
        kind = "debug" if found["debug"] else "release"
        return kind, f"build paths inside the binary say {kind}"
    return "unknown", "no --version, no build path"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the cheeseshop binary")
    ap.add_argument("--work", required=True, help="work dir (results in WORK/bench-pages)")
    ap.add_argument("--names", required=True, help="the tab-separated names file (name, version, summary)")
    ap.add_argument("--n", type=int, default=100000, help="projects to load (default 100000)")
    ap.add_argument("--threads", type=int, default=6, help="concurrent uploaders (default 6)")
    ap.add_argument("--max-load-s", type=float, default=2400, help="stop loading after this many seconds")
    ap.add_argument("--keep", metavar="DIR", help="load into DIR (new or empty) and keep it for --reuse")
    ap.add_argument("--reuse", metavar="DIR", help="serve DIR from an earlier --keep run; skip loading")
    ap.add_argument("--top-up", action="store_true",
                    help="with --reuse: load the projects missing to reach --n (after a load stopped early)")
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    ap.add_argument("--warmup", type=int, default=3, help="seconds per wrk warm-up run (default 3)")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--command", default="", help="the command line to print (set by bench-pages.sh)")
    args = ap.parse_args()
    if args.keep and args.reuse:
        sys.exit("--keep and --reuse exclude each other")
    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    out_dir = os.path.join(args.work, "bench-pages")
    os.makedirs(out_dir, exist_ok=True)
    kind, kind_why = build_kind(args.bin)
    command = args.command or " ".join(shlex.quote(a) for a in sys.argv)
    log(f"binary: {args.bin} ({kind} build: {kind_why})")
    if kind == "debug":
        log("NOTE: a debug build; figures are far below a release build's")

    temp_data = None
    if args.reuse:
        data = os.path.abspath(args.reuse)
        try:
            with open(os.path.join(data, SIDECAR)) as f:
                sidecar = json.load(f)
        except OSError as e:
            sys.exit(f"--reuse {data}: no {SIDECAR} from a --keep run ({e})")
        loaded, load_stats = sidecar["loaded"], dict(sidecar["load"])
        log(f"reusing {data}: {len(loaded)} projects loaded earlier")
        if args.top_up and len(loaded) < args.n:
            if not os.path.exists(args.names):
                sys.exit(f"--top-up: the names file {args.names} does not exist; set PYPI_TSV")
            token = subprocess.run([args.bin, "token", "create", "bench", "--data", data],
                                   capture_output=True, text=True, check=True).stdout.strip()
    else:
        if not os.path.exists(args.names):
            sys.exit(f"the names file {args.names} does not exist; set PYPI_TSV to a tab-separated file with a "
                     "header 'name version ... summary'")
        if args.keep:
            data = os.path.abspath(args.keep)
            if os.path.exists(data) and os.listdir(data):
                sys.exit(f"--keep {data}: not empty (use --reuse {data} to measure it again)")
            os.makedirs(data, exist_ok=True)
        else:
            data = temp_data = tempfile.mkdtemp(prefix="bench-pages-")
        secret = subprocess.run([sys.executable, "-c", "import secrets; print(secrets.token_urlsafe(18))"],
                                capture_output=True, text=True, check=True).stdout
        subprocess.run([args.bin, "user", "create", "bench", "--email", "bench@example.com", "--password-stdin",
                        "--data", data], input=secret, text=True, check=True, stdout=subprocess.DEVNULL)
        token = subprocess.run([args.bin, "token", "create", "bench", "--data", data],
                               capture_output=True, text=True, check=True).stdout.strip()

    server = Server(args.bin, data, os.path.join(out_dir, "server.log"), free_port())

    def on_signal(signum, _frame):
        server.stop()
        sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        server.start()
        log(f"data: {data}  server pid {server.proc.pid} on {server.url}")
        if not args.reuse:
            t0 = time.monotonic()
            candidates, valid, k = read_projects(args.names, args.n)
            log(f"names: {valid} valid unique names in {args.names}, every {k}th row "
                f"(read in {time.monotonic() - t0:.1f} s)")
            log(f"loading {args.n} projects with {args.threads} threads (at most {args.max_load_s:.0f} s)...")
            loaded, load_stats = load(server, token, candidates, args.n, args.threads, args.max_load_s)
            log(f"loaded {load_stats['n_loaded']} projects in {load_stats['load_s']} s "
                f"({load_stats['uploads_per_s']} uploads/s)")
        elif args.top_up and len(loaded) < args.n:
            # Load the rest: the same selection as the --keep run (same --n), minus what is in.
            candidates, valid, k = read_projects(args.names, args.n)
            have = {r["normalized"] for r in loaded}
            candidates = [r for r in candidates if normalize(r["name"]) not in have]
            more = args.n - len(loaded)
            log(f"topping up: {more} more projects with {args.threads} threads (at most {args.max_load_s:.0f} s)...")
            extra, stats = load(server, token, candidates, more, args.threads, args.max_load_s)
            log(f"loaded {stats['n_loaded']} more projects in {stats['load_s']} s ({stats['uploads_per_s']} uploads/s)")
            loaded = loaded + extra
            earlier = sidecar["load"]
            load_stats = {
                "n_requested": args.n, "n_loaded": len(loaded), "refused": earlier["refused"] + stats["refused"],
                "refused_examples": earlier["refused_examples"] + stats["refused_examples"],
                "stopped_early": stats["stopped_early"], "load_s": round(earlier["load_s"] + stats["load_s"], 1),
                "uploads_per_s": stats["uploads_per_s"], "threads": stats["threads"],
                "parts": earlier.get("parts", [earlier]) + [stats]}
        if args.keep or (args.reuse and args.top_up):
            with open(os.path.join(data, SIDECAR), "w") as f:
                json.dump({"loaded": loaded, "load": load_stats}, f)
        if args.reuse:
            load_stats["reused_from"] = data
        if not loaded:
            sys.exit("no project loaded")
        hwm_after_load = server.status("VmHWM")

        rng = random.Random(42)
        ranked = [r for r in loaded if r.get("rank") is not None]
        popular = min(ranked, key=lambda r: r["rank"]) if ranked else loaded[0]
        names = [r["normalized"] for r in rng.sample(loaded, min(1000, len(loaded)))]
        words, word_counts = search_words(loaded, 200, rng)
        names_lua = os.path.join(out_dir, "project-pages.lua")
        search_lua = os.path.join(out_dir, "search.lua")
        write_lua(names_lua, names, "/project/", "/", "random")
        write_lua(search_lua, words, "/search/?q=", "", "cycle")
        # Queries the server has not seen: one or two of the 2,000 commonest summary words, each
        # query string once (the warm-up draws from a disjoint set), so no kept page answers.
        vocabulary = [w for w, _ in word_counts.most_common(2000)]
        fresh = set()
        while len(fresh) < 22000:
            first = rng.choice(vocabulary)
            fresh.add(first if rng.random() < 0.5 else f"{first}+{rng.choice(vocabulary)}")
        fresh = sorted(fresh)
        rng.shuffle(fresh)
        miss_lua = os.path.join(out_dir, "search-miss.lua")
        miss_warmup_lua = os.path.join(out_dir, "search-miss-warmup.lua")
        write_lua(miss_lua, fresh[2000:], "/search/?q=", "", "cycle")
        write_lua(miss_warmup_lua, fresh[:2000], "/search/?q=", "", "cycle")
        log(f"popular project: {popular['name']} (rank {popular.get('rank')}); 1,000 names for the random run; "
            f"{len(words)} search words ({', '.join(words[:12])}, ...)")

        targets = [
            ("project page, one name", f"/project/{popular['normalized']}/", None),
            ("project pages, 1,000 names at random", "/", names_lua),
            ("search, 200 words in turn", "/", search_lua),
            ("search, 20,000 queries never asked before", "/", miss_lua),
            ("simple page, one name", f"/simple/{popular['normalized']}/", None),
            ("home page", "/", None),
        ]
        checks = {
            "project page, one name": check_page(f"{server.url}/project/{popular['normalized']}/"),
            "project pages, 1,000 names at random": check_page(f"{server.url}/project/{names[-1]}/"),
            "search, 200 words in turn": check_page(f"{server.url}/search/?q={words[0]}"),
            "search, 20,000 queries never asked before": check_page(f"{server.url}/search/?q={words[1]}+{words[2]}"),
            "simple page, one name": check_page(f"{server.url}/simple/{popular['normalized']}/"),
            "home page": check_page(f"{server.url}/"),
        }
        for name in names[:20]:  # wrk counts a redirect as a success: each must answer 200 itself
            check_page(f"{server.url}/project/{name}/")
        search_probe = {}
        for w in words[:5]:
            t1 = time.perf_counter()
            r = requests.get(f"{server.url}/search/?q={w}", timeout=120)
            search_probe[w] = {"status": r.status_code, "ms": round((time.perf_counter() - t1) * 1000, 1),
                               "bytes": len(r.content), "summaries_with_word": word_counts[w]}
        log("warm-up...")
        for _, path, script in targets:
            run_wrk(wrk, server.url + path, args.warmup, args.connections,
                    miss_warmup_lua if script == miss_lua else script)
        results = []
        for what, path, script in targets:
            res = run_wrk(wrk, server.url + path, args.duration, args.connections, script)
            res.update(what=what, path=path if not script else f"{path} + {os.path.basename(script)}", **checks[what])
            results.append(res)
            log(f"  {what}: {res['rps']} req/s, p50 {res['p50_ms']} ms, p99 {res['p99_ms']} ms"
                + (f", {res['non_2xx_3xx']} non-2xx/3xx" if res["non_2xx_3xx"] else "")
                + (f", {res['socket_errors']} socket errors" if res["socket_errors"] else ""))
            if res["rps"] is None:
                log(res.get("raw", ""))
        summary = {
            "binary": args.bin, "build": kind, "build_detected_by": kind_why, "command": command,
            "data_dir": data, "data_dir_bytes": dir_size(data), "server_vmhwm_kb_after_load": hwm_after_load,
            "server_vmhwm_kb": server.status("VmHWM"), "server_vmrss_kb_end": server.status("VmRSS"),
            "popular_project": popular["name"], "load": load_stats, "search_words": words,
            "search_probe": search_probe, "wrk": {"threads": 1, "connections": args.connections,
                                                  "duration_s": args.duration, "warmup_s": args.warmup},
            "results": results, "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cpus": os.cpu_count(),
        }
    finally:
        server.stop()
        if temp_data:
            shutil.rmtree(temp_data, ignore_errors=True)

    md = render_markdown(summary)
    print()
    print(md)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(md)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(summary, f, indent=1)
    log(f"results: {out_dir}/results.md, results.json")
    bad = [r["what"] for r in results if r["rps"] is None or r["non_2xx_3xx"] or r["socket_errors"]]
    if bad:
        sys.exit(f"errors during the measurement of: {', '.join(bad)}")


def render_markdown(s):
    load = s["load"]
    mib = lambda kb: f"{kb / 1024:.0f} MiB" if kb else "?"
    lines = [
        f"### Web pages with {load['n_loaded']:,} projects ({s['build']} build)",
        "",
        f"Binary `{s['binary']}` ({s['build']} build; {s['build_detected_by']}), {s['cpus']} CPUs, {s['date']}.",
        f"wrk: {s['wrk']['threads']} thread, {s['wrk']['connections']} connections, {s['wrk']['duration_s']} s each "
        f"after a {s['wrk']['warmup_s']} s warm-up of each.",
        "",
        "| what | req/s | p50 | p99 | page size |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in s["results"]:
        err = ""
        if r["non_2xx_3xx"] or r["socket_errors"]:
            err = f" ({r['non_2xx_3xx']} non-2xx, {r['socket_errors']} socket errors)"
        fmt = lambda v: f"{v:.2f} ms" if v is not None else "?"
        rps = f"{r['rps']:,.0f}" if r["rps"] is not None else "?"
        lines.append(f"| {r['what']}{err} | {rps} | {fmt(r['p50_ms'])} | {fmt(r['p99_ms'])} | {r['bytes']:,} B |")
    lines += [
        "",
        (f"Load: {load['n_loaded']:,} projects (one wheel each) in {load['load_s']:,} s, "
         f"{load['uploads_per_s']} uploads/s with {load['threads']} threads"
         + (f"; {load['refused']} names refused by the server (400) and replaced" if load["refused"] else "")
         + (f"; STOPPED EARLY ({load['stopped_early']})" if load.get("stopped_early") else "")
         + (f"; loaded earlier, reused from {load['reused_from']}" if load.get("reused_from") else "")
         + (f" (in {len(load['parts'])} parts: the last at {load['uploads_per_s']} uploads/s)" if load.get("parts") else "")
         + "."),
        f"Server peak RSS (VmHWM): {mib(s['server_vmhwm_kb_after_load'])} "
        f"{'at start' if load.get('reused_from') else 'after the load'}, "
        f"{mib(s['server_vmhwm_kb'])} at the end. Data dir: {s['data_dir_bytes'] / 2**20:,.1f} MiB.",
        "Single search GETs before wrk: " + ", ".join(
            f"'{w}' {p['ms']:.0f} ms ({p['summaries_with_word']} summaries have it)" for w, p in s["search_probe"].items())
        + ".",
        f"Popular project: `{s['popular_project']}`. Search words: {', '.join(s['search_words'][:15])}, ...",
        "",
        f"Command: `{s['command']}`",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
