#!/usr/bin/env python3
"""The client matrix, end to end: the common publishers, resolvers and mirror against one
`cheeseshop serve` run as documented (no --base-url: the simple pages link files root-relative,
the JSON API absolute under the Host the client sent).

1. Publishers, to /legacy/ as `__token__`: the real corpus (~170 files, raw legacy uploads as
   twine sends them), then each of twine, `uv publish`, `poetry publish`, `pdm publish`,
   `hatch publish` and `flit publish` publishes its own fresh project `matrix-<tool>-pub`, built
   by the tool itself (twine's by `uv build`); after each, /simple/<name>/ (PEP 691 JSON) lists
   its wheel and sdist with their sha256.
2. Resolvers, from the index alone (no other index, no find-links or configuration of this
   machine, fresh caches, targets and venvs): pip installs the corpus's lock file (`--report`:
   every file from the index's /packages/ with the sha256 it lists); `uv pip compile` the lock
   (`# from <index>` on every pin, the index's hashes) and `uv pip install --require-hashes` it
   into a fresh venv; poetry locks and installs requests in a project whose only source is the
   index (`priority = "primary"`; the lock names the index as every package's source); pdm
   does rich with the index as its source named pypi (static URLs in the lock, all under the
   index); pip installs every published project back and imports it (publish -> install).
3. bandersnatch 8 mirrors the whole index (it lists projects from the PEP 691 `/simple/` with
   `_last-serial`, no XML-RPC, then reads the JSON API and fetches the files): every file and
   PEP 658 metadata file in the mirror with the index's sha256, its simple pages (HTML and
   JSON) and JSON documents, the index's serial; after a new release, a second run syncs that
   project alone, and pip installs that release from the mirror's `web` directory served by
   http.server, with the index's sha256 required. Skipped, with the reason printed, when no
   Python 3.12+ is found for it.

    clients-e2e.py --cheeseshop BIN --work DIR --corpus DIR [--venvs DIR]

Each client has its own venv (the latest pip, twine, uv, poetry, pdm, hatch, flit;
bandersnatch on Python 3.12+, pyenv's if there is one), made once and kept in --venvs
(default: next to the work folder) as scripts/test.sh's venv_with does. Every client runs with
its own HOME, caches and configuration under the work folder; every command is bounded in time
and logged in WORK/logs. Prints `  ok: ...` per check and `clients-e2e: OK (...)` on success.
"""
import argparse
import concurrent.futures
import csv
import glob
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

JSON = "application/vnd.pypi.simple.v1+json"
REPORT = Reporter("clients-e2e")
check, fail = REPORT.check, REPORT.fail
# The clients, each in its own venv (as pipx or `uv tool` would install them): what pip installs there.
# pdm[locked] is pdm's own tested set of dependencies (an open requirement let hishel 2.0, which
# pdm 2.29 cannot import, in).
CLIENTS = {"pip": ["pip"], "twine": ["twine"], "uv": ["uv"], "poetry": ["poetry"], "pdm": ["pdm[locked]"],
           "hatch": ["hatch"], "flit": ["flit"]}
TOOLS = ("twine", "uv", "poetry", "pdm", "hatch", "flit")
# Generous bounds: a client that hangs fails the test instead of stalling it; speed is not asserted.
MINUTES = 60
VERSION = re.compile(r"[0-9]+[.][0-9][^\s)]*")


def shown(*problems):
    """`: [...]` of the non-empty lists of problems (the first three of each), or nothing."""
    listed = [problem[:3] for problem in problems if problem]
    return f": {' '.join(map(str, listed))}" if listed else ""


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Runner:
    """Runs client commands with their output logged in `logs`, bounded in time; a failure of the
    reporter (with the output's tail and the server log's tail) when one fails."""

    def __init__(self, logs, server_log):
        self.logs, self.server_log, self.count = logs, server_log, 0
        logs.mkdir(parents=True, exist_ok=True)

    def __call__(self, what, command, env, cwd=None, timeout=10 * MINUTES, allowed_to_fail=False):
        self.count += 1
        log = self.logs / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', what.lower()).strip('-')[:60]}.log"
        started = time.monotonic()
        try:
            result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True,
                                    text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            log.write_text(f"$ {' '.join(map(str, command))}\n(timed out after {timeout} s)\n"
                           f"{error.stdout or ''}\n{error.stderr or ''}")
            fail(f"{what}: no end within {timeout} s (see {log})")
        log.write_text(f"$ {' '.join(map(str, command))}\n(exit {result.returncode}, "
                       f"{time.monotonic() - started:.1f} s)\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")
        if result.returncode != 0 and not allowed_to_fail:
            server = self.server_log.read_text(errors="replace")[-1500:] if self.server_log.exists() else ""
            fail(f"{what} failed ({result.returncode}; see {log}):\n{(result.stdout + result.stderr)[-2500:]}"
                 f"\n--- server log tail\n{server}")
        return result


def venv_with(directory, python, imports, packages, runner):
    """A venv at `directory` holding `packages`, made unless `imports` import in it (test.sh's
    venv_with): kept between runs."""
    interpreter = directory / "bin" / "python"
    if interpreter.exists() and subprocess.run([interpreter, "-c", f"import {imports}"],
                                               capture_output=True).returncode == 0:
        return interpreter
    print(f"  (creating {directory} with {' '.join(packages)})", flush=True)
    runner(f"venv {directory.name}", [python, "-m", "venv", "--clear", directory], dict(os.environ))
    runner(f"install {' '.join(packages)}", [interpreter, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                            "--upgrade", *packages], dict(os.environ), timeout=15 * MINUTES)
    return interpreter


def python_312():
    """A Python 3.12 or newer for bandersnatch 8: pyenv's, then PATH's; None when there is none."""
    candidates = []
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        root = os.environ.get("PYENV_ROOT", "")
    if root:
        for pattern in ("3.12*", "3.13*", "3.14*"):
            candidates += sorted(glob.glob(f"{root}/versions/{pattern}/bin/python"))
    candidates += [path for name in ("python3.12", "python3.13", "python3.14", "python3")
                   if (path := shutil.which(name))]
    for candidate in candidates:
        probe = subprocess.run([candidate, "-c", "import sys, venv, ensurepip; assert sys.version_info >= (3, 12)"],
                               capture_output=True)
        if probe.returncode == 0:
            return candidate
    return None


def client_env(work):
    """The environment every client runs in: its own HOME, caches and configuration under `work`,
    no index, extra index or find-links from this machine (pip's configuration files are not
    read), no keyring; the TLS settings are kept (builds fetch their backends from the default
    index)."""
    home = work / "home"
    for folder in (".config", ".cache", ".local/share"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    dropped = re.compile(r"^(PIP_(?!CERT$|DEFAULT_TIMEOUT$)|UV_|POETRY_|PDM_|HATCH_|FLIT_|TWINE_|VIRTUAL_ENV|CONDA_"
                         r"|PYTHONPATH$|PYTHONHOME$|XDG_)")
    env = {key: value for key, value in os.environ.items() if not dropped.match(key)}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local/share"),
               PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", POETRY_KEYRING_ENABLED="false",
               POETRY_NO_INTERACTION="1", UV_PYTHON_DOWNLOADS="never", HATCH_INTERACTIVE="false",
               PDM_CHECK_UPDATE="false", PDM_NON_INTERACTIVE="1", NO_COLOR="1")
    return env


def simple_files(base, name):
    """{filename: sha256} of /simple/<name>/ in PEP 691 JSON; {} when it does not answer 200."""
    status, _, body = get(f"{base}/simple/{normalize(name)}/", JSON)
    if status != 200:
        return {}
    return {file["filename"]: file["hashes"].get("sha256") for file in json.loads(body)["files"]}


def check_listed(base, name, paths, who):
    listed = simple_files(base, name)
    wrong = [path.name for path in paths if listed.get(path.name) != sha256(path)]
    check(paths and not wrong, f"{who} published {name}: /simple/{normalize(name)}/ lists "
          f"{', '.join(sorted(path.name for path in paths))} with their sha256{shown(wrong)}")


PROJECTS = {
    # tool: (build backend requirement, backend object); each project is built by its tool.
    "twine": ("hatchling", "hatchling.build"),
    "uv": ("uv_build", "uv_build"),
    "poetry": ("poetry-core>=2", "poetry.core.masonry.api"),
    "pdm": ("pdm-backend", "pdm.backend"),
    "hatch": ("hatchling", "hatchling.build"),
    "flit": ("flit_core", "flit_core.buildapi"),
}


def generate_project(root, tool):
    """A fresh project `matrix-<tool>-pub` 0.1.0 with a src-layout module, built by `tool`'s backend."""
    name = f"matrix-{tool}-pub"
    module = name.replace("-", "_")
    requirement, backend = PROJECTS[tool]
    directory = root / name
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "src" / module).mkdir(parents=True)
    (directory / "src" / module / "__init__.py").write_text(
        f'"""Published by {tool} in the client matrix."""\nPUBLISHER = "{tool}"\n')
    (directory / "README.md").write_text(f"# {name}\n\nPublished by {tool} to Cheeseshop.\n")
    extra = "\n[tool.pdm]\ndistribution = true\n" if tool == "pdm" else ""
    (directory / "pyproject.toml").write_text(f"""[build-system]
requires = ["{requirement}"]
build-backend = "{backend}"

[project]
name = "{name}"
version = "0.1.0"
description = "Published by {tool} in Cheeseshop's client matrix"
readme = "README.md"
requires-python = ">=3.9"
{extra}""")
    return name, directory


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--venvs", help="where the clients' venvs are kept between runs, one per client "
                        "(default: WORK/../clients-venvs)")
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    corpus = Path(args.corpus).resolve()
    data = work / "data"
    runner = Runner(work / "logs", work / "server.log")

    base_python = str(Path(sys.base_prefix) / "bin" / "python3")
    venvs = Path(args.venvs or work.parent / "clients-venvs").resolve()
    tools = {tool: venv_with(venvs / tool, base_python, tool, packages, runner).parent / tool
             for tool, packages in CLIENTS.items()}
    # pip runs as `python -m pip`, from its own venv (the latest pip, not this interpreter's).
    tools["python"] = tools.pop("pip").parent / "python"
    env = client_env(work)
    versions = []
    for tool in CLIENTS:
        command = [tools["python"], "-m", "pip", "--version"] if tool == "pip" else [tools[tool], "--version"]
        output = runner(f"{tool} --version", command, env).stdout
        versions.append(f"{tool} {VERSION.search(output).group()}")
    print(f"  (clients: {', '.join(versions)})", flush=True)

    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "matrix", "--email", "matrix@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "matrix")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    processes = []
    try:
        processes.append(subprocess.Popen(
            [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
             "--new-project-limit", "1000 per hour"],
            stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT))
        e2ekit.wait_for(f"{base}/_health/", "cheeseshop", REPORT)
        timings = {}
        published, corpus_count = publish(work, corpus, base, token, tools, base_python, env, runner, timings)
        resolve(work, corpus, base, tools, base_python, env, runner, published, timings)
        minor = counted_installers(base, base_python, {"requests": {"pip", "uv", "poetry"}, "rich": {"pip", "uv", "pdm"}})
        mirrored = mirror(work, base, token, venvs, runner, timings)
        counted_installers(base, base_python, {"requests": {"bandersnatch"}}, minor)
    finally:
        e2ekit.stop_all(processes)
    took = ", ".join(f"{what} {seconds:.0f} s" for what, seconds in timings.items())
    print(f"clients-e2e: OK ({corpus_count} corpus files + {len(published)} projects published by "
          f"{', '.join(TOOLS)}; installed by pip, uv, poetry, pdm; {mirrored}; {took}; "
          f"{time.monotonic() - started:.0f} s in all)", flush=True)


def publish(work, corpus, base, token, tools, base_python, env, runner, timings):
    """Each publisher publishes its own project; returns {tool: project name} and the corpus size."""
    legacy = f"{base}/legacy/"
    started = time.monotonic()
    uploads = sorted(path for path in corpus.iterdir() if path.suffix in (".whl", ".gz", ".zip"))
    # Raw legacy uploads (what twine sends): twine's own checks refuse a few real corpus files
    # (License-Expression under Metadata-Version 2.1), which the index takes as PyPI does.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda path: e2ekit.corpus_upload(base, token, path), uploads))
    refused = [(path.name, answer) for path, answer in zip(uploads, answers) if answer[0] != 200]
    check(not refused, f"the corpus uploaded ({len(uploads)} files){shown(refused)}")
    wrong = []
    by_project = {}
    for path in uploads:
        name = path.name.split("-")[0] if path.name.endswith(".whl") else \
            path.name.removesuffix(".tar.gz").removesuffix(".zip").rsplit("-", 1)[0]
        by_project.setdefault(normalize(name), []).append(path)
    for name, paths in by_project.items():
        listed = simple_files(base, name)
        wrong += [path.name for path in paths if listed.get(path.name) != sha256(path)]
    check(not wrong, f"/simple/ lists every corpus file with its sha256 ({len(by_project)} projects){shown(wrong)}")
    timings["corpus upload"] = time.monotonic() - started

    projects = work / "projects"
    published = {}
    for tool in TOOLS:
        started = time.monotonic()
        name, directory = generate_project(projects, tool)
        dist = directory / "dist"
        publish_env = dict(env)

        def dists():
            return sorted(path for path in dist.iterdir() if path.name.endswith((".whl", ".tar.gz")))

        if tool == "twine":
            runner("uv build (for twine)", [tools["uv"], "build", "--python", base_python, "--out-dir", dist],
                   env, cwd=directory)
            runner("twine upload", [tools["twine"], "upload", "--disable-progress-bar", "--non-interactive",
                                    "--repository-url", legacy, "-u", "__token__", "-p", token, *dists()],
                   env, cwd=directory)
        elif tool == "uv":
            runner("uv build", [tools["uv"], "build", "--python", base_python, "--out-dir", dist], env, cwd=directory)
            runner("uv publish", [tools["uv"], "publish", "--publish-url", legacy, "--username", "__token__",
                                  "--password", token, "--trusted-publishing", "never", *dists()],
                   env, cwd=directory)
        elif tool == "poetry":
            publish_env.update(POETRY_REPOSITORIES_LOCAL_URL=legacy, POETRY_HTTP_BASIC_LOCAL_USERNAME="__token__",
                               POETRY_HTTP_BASIC_LOCAL_PASSWORD=token)
            runner("poetry build", [tools["poetry"], "build"], publish_env, cwd=directory)
            runner("poetry publish", [tools["poetry"], "publish", "--repository", "local"], publish_env,
                   cwd=directory)
        elif tool == "pdm":
            runner("pdm use", [tools["pdm"], "use", "--first", base_python], env, cwd=directory)
            runner("pdm build", [tools["pdm"], "build"], env, cwd=directory)
            runner("pdm publish", [tools["pdm"], "publish", "--no-build", "--repository", legacy,
                                   "--username", "__token__", "--password", token], env, cwd=directory)
        elif tool == "hatch":
            runner("hatch build", [tools["hatch"], "build"], env, cwd=directory)
            runner("hatch publish", [tools["hatch"], "publish", "--no-prompt", "--repo", legacy,
                                     "--user", "__token__", "--auth", token], env, cwd=directory)
        elif tool == "flit":
            # flit publish builds the wheel and the sdist itself (into dist/), then uploads them.
            publish_env.update(FLIT_INDEX_URL=legacy, FLIT_USERNAME="__token__", FLIT_PASSWORD=token)
            runner("flit publish", [tools["flit"], "publish"], publish_env, cwd=directory)
        paths = dists()
        check(any(p.suffix == ".whl" for p in paths) and any(p.suffix == ".gz" for p in paths),
              f"{tool} built a wheel and an sdist of {name} ({', '.join(p.name for p in paths)})")
        check_listed(base, name, paths, tool)
        published[tool] = name
        timings[tool] = time.monotonic() - started
    return published, len(uploads)


def lock_pins(corpus):
    """{normalized name: version} of the corpus's lock file."""
    pins = {}
    for line in (corpus / "lock.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[normalize(name.split("[")[0].strip())] = version.strip()
    return pins


def pinned(locked):
    """`name==version, ...` of a lock file's packages."""
    return ", ".join(sorted(f"{package['name']}=={package['version']}" for package in locked))


def compiled_pins(path):
    """{normalized name: (version, {sha256}, index)} of `uv pip compile --generate-hashes
    --emit-index-annotation` output."""
    pins, current = {}, None
    for line in path.read_text().splitlines():
        stripped = line.strip().rstrip("\\").strip()
        if line and not line[0].isspace() and "==" in line and not line.startswith("#"):
            name, version = stripped.split("==")
            current = normalize(name.split("[")[0])
            pins[current] = (version.split(";")[0].strip(), set(), None)
        elif current and stripped.startswith("--hash=sha256:"):
            pins[current][1].add(stripped.removeprefix("--hash=sha256:"))
        elif current and stripped.startswith("# from "):
            pins[current] = (pins[current][0], pins[current][1], stripped.removeprefix("# from "))
    return pins


def index_hashes(base, name):
    return set(simple_files(base, name).values())


def counted_installers(base, base_python, expected, minor=None):
    """Download statistics: each resolver's downloads of the projects in `expected` are counted
    with its name and the Python it reports (every client's venv runs `base_python`); the
    Python version for a mirror is its own."""
    minor = minor or subprocess.run([base_python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                    capture_output=True, text=True, check=True).stdout.strip()

    def rows(project):
        status, _, body = get(f"{base}/api/packages/{project}/downloads.csv")
        return list(csv.DictReader(io.StringIO(body.decode()))) if status == 200 else []

    def seen():
        found = {project: {row["installer"] for row in rows(project) if row["kind"] == "file"} for project in expected}
        return all(found[project] >= installers for project, installers in expected.items()) and found
    found, waited = e2ekit.wait(seen, 120, step=0.5)
    check(found, f"download statistics count {expected} ({found}; waited {waited:.0f} s)")
    resolvers = [(project, row) for project, installers in expected.items() for row in rows(project)
                 if row["kind"] == "file" and row["installer"] in installers - {"bandersnatch"}]
    wrong = [f"{row['installer']} {row['filename']}: {row['python']} {row['system']}" for _, row in resolvers
             if row["python"] != minor or row["system"] != "Linux"]
    if resolvers:
        check(not wrong, f"each resolver's downloads are counted with the Python it runs ({minor}) on Linux: "
              f"{sorted({row['installer'] for _, row in resolvers})}{shown(wrong)}")
    return minor


def resolve(work, corpus, base, tools, base_python, env, runner, published, timings):
    """Every resolver installs from the index alone."""
    index = f"{base}/simple/"
    lock = corpus / "lock.txt"
    pins = lock_pins(corpus)

    # pip: the lock file into a fresh target, every download from the index with its listed hash.
    started = time.monotonic()
    report = work / "pip-report.json"
    runner("pip install the lock", [tools["python"], "-m", "pip", "install", "--no-cache-dir", "--index-url", index,
                                    "--only-binary", ":all:", "--target", work / "pip-target", "--report", report,
                                    "-r", lock], env)
    installs = json.loads(report.read_text())["install"]
    installed = {normalize(item["metadata"]["name"]): item["metadata"]["version"] for item in installs}
    check(installed == pins, f"pip installed the lock file's {len(pins)} pins"
          f"{shown(sorted(set(installed.items()) ^ set(pins.items())))}")
    foreign = [item["download_info"]["url"] for item in installs
               if not item["download_info"]["url"].startswith(f"{base}/packages/")]
    unlisted = [item["download_info"]["url"] for item in installs
                if item["download_info"]["archive_info"]["hashes"]["sha256"]
                not in index_hashes(base, item["metadata"]["name"])]
    check(not foreign and not unlisted, f"every file pip installed came from {base}/packages/ (resolved from "
          f"root-relative links) with the sha256 the index lists{shown(foreign, unlisted)}")
    timings["pip"] = time.monotonic() - started

    # uv: the lock file compiled with hashes and the index each pin came from, then installed with
    # the hashes required into a fresh venv, with a fresh cache.
    started = time.monotonic()
    venv = work / "uv-venv"
    uv_env = dict(env, UV_CACHE_DIR=str(work / "uv-cache"))
    compiled = work / "uv-compiled.txt"
    runner("uv pip compile the lock", [tools["uv"], "pip", "compile", "--python", base_python, "--index-url", index,
                                       "--only-binary", ":all:", "--generate-hashes", "--emit-index-annotation",
                                       "--output-file", compiled, lock], uv_env)
    pinned_by_uv = compiled_pins(compiled)
    check({name: version for name, (version, _, _) in pinned_by_uv.items()} == pins,
          f"uv pip compile resolved the lock file's {len(pins)} pins")
    foreign = [name for name, (_, _, origin) in pinned_by_uv.items()
               if (origin or "").rstrip("/") != index.rstrip("/")]
    unlisted = [name for name, (_, hashes, _) in pinned_by_uv.items()
                if not hashes or not hashes <= index_hashes(base, name)]
    check(not foreign and not unlisted, f"uv annotated every pin `# from {index}` with hashes the index lists "
          f"({sum(len(hashes) for _, hashes, _ in pinned_by_uv.values())} hashes){shown(foreign, unlisted)}")
    runner("uv venv", [tools["uv"], "venv", "--python", base_python, venv], uv_env)
    runner("uv pip install --require-hashes", [tools["uv"], "pip", "install", "--python", venv / "bin" / "python",
                                               "--index-url", index, "--only-binary", ":all:", "--require-hashes",
                                               "-r", compiled], uv_env)
    listed = json.loads(runner("uv pip list", [tools["uv"], "pip", "list", "--python", venv / "bin" / "python",
                                               "--format", "json"], uv_env).stdout)
    installed = {normalize(item["name"]): item["version"] for item in listed}
    check(installed == pins, f"uv pip installed them into a fresh venv with --require-hashes"
          f"{shown(sorted(set(installed.items()) ^ set(pins.items())))}")
    probe = runner("import from the uv venv", [venv / "bin" / "python", "-c", "import flask, requests, rich, httpx"],
                   env)
    check(probe.returncode == 0, "flask, requests, rich and httpx import in the uv venv")
    timings["uv pip"] = time.monotonic() - started

    started = time.monotonic()
    resolve_poetry(work, base, tools, base_python, env, runner, pins)
    timings["poetry"] = time.monotonic() - started
    started = time.monotonic()
    resolve_pdm(work, base, tools, base_python, env, runner, pins)
    timings["pdm"] = time.monotonic() - started

    # Publish -> install: pip installs every generated project from the index.
    started = time.monotonic()
    target = work / "pip-published"
    names = sorted(published.values())
    runner("pip install the published projects", [tools["python"], "-m", "pip", "install", "--no-cache-dir",
                                                   "--index-url", index, "--target", target, *names], env)
    modules = [name.replace("-", "_") for name in names]
    probe = runner("import the published projects", [tools["python"], "-c",
                   f"import {', '.join(modules)}; print(' '.join(m.PUBLISHER for m in ({', '.join(modules)})))"],
                   dict(env, PYTHONPATH=str(target)))
    check(probe.stdout.split() == [name.split("-")[1] for name in names],
          f"pip installed what each publisher published and it imports ({', '.join(names)})")
    timings["round trip"] = time.monotonic() - started


def resolve_poetry(work, base, tools, base_python, env, runner, pins):
    """A project whose only source is the index (primary: PyPI is then not used) adds requests."""
    project = work / "poetry-consumer"
    project.mkdir()
    (project / "pyproject.toml").write_text(f"""[project]
name = "matrix-poetry-consumer"
version = "0.1.0"
requires-python = ">=3.11,<4"
dependencies = []

[tool.poetry]
package-mode = false

[[tool.poetry.source]]
name = "cheeseshop"
url = "{base}/simple/"
priority = "primary"
""")
    poetry_env = dict(env, POETRY_VIRTUALENVS_IN_PROJECT="true", POETRY_CACHE_DIR=str(work / "poetry-cache"))
    runner("poetry env use", [tools["poetry"], "env", "use", base_python], poetry_env, cwd=project)
    runner("poetry add --lock requests", [tools["poetry"], "add", "--lock", f"requests=={pins['requests']}"],
           poetry_env, cwd=project)
    runner("poetry install", [tools["poetry"], "install"], poetry_env, cwd=project)
    locked = tomllib.loads((project / "poetry.lock").read_text())["package"]
    expected = {"requests", "certifi", "charset-normalizer", "idna", "urllib3"}
    names = {normalize(package["name"]) for package in locked}
    foreign = [package["name"] for package in locked if package.get("source", {}).get("url") != f"{base}/simple"]
    check(names == expected and not foreign, f"poetry locked requests and its dependencies from the index alone "
          f"({pinned(locked)}){shown(foreign)}")
    wrong = [f"{package['name']}: {file['file']}" for package in locked for file in package["files"]
             if file["hash"].removeprefix("sha256:") not in index_hashes(base, package["name"])]
    check(not wrong, f"every file hash in poetry.lock is the index's ({sum(len(p['files']) for p in locked)} files)"
          f"{shown(wrong)}")
    probe = runner("import requests (poetry)", [project / ".venv" / "bin" / "python", "-c",
                   "import requests; print(requests.__version__)"], env)
    check(probe.stdout.strip() == pins["requests"], f"poetry installed requests {probe.stdout.strip()} into its venv")


def resolve_pdm(work, base, tools, base_python, env, runner, pins):
    """A project whose source named pypi is the index (replacing PyPI) adds rich."""
    project = work / "pdm-consumer"
    project.mkdir()
    (project / "pyproject.toml").write_text(f"""[project]
name = "matrix-pdm-consumer"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = []

[tool.pdm]
distribution = false

[[tool.pdm.source]]
name = "pypi"
url = "{base}/simple/"
""")
    pdm_env = dict(env, PDM_CACHE_DIR=str(work / "pdm-cache"))
    runner("pdm use", [tools["pdm"], "use", "--first", base_python], pdm_env, cwd=project)
    # A lock that records each file's URL (the static_urls strategy), kept by `pdm add`.
    runner("pdm lock -S static_urls", [tools["pdm"], "lock", "--strategy", "static_urls"], pdm_env, cwd=project)
    runner("pdm add rich", [tools["pdm"], "add", f"rich=={pins['rich']}"], pdm_env, cwd=project)
    shutil.rmtree(project / ".venv", ignore_errors=True)
    runner("pdm use", [tools["pdm"], "use", "--first", base_python], pdm_env, cwd=project)
    runner("pdm install", [tools["pdm"], "install", "--frozen-lockfile"], pdm_env, cwd=project)
    locked = tomllib.loads((project / "pdm.lock").read_text())["package"]
    names = {normalize(package["name"]) for package in locked}
    check({"rich", "markdown-it-py", "mdurl", "pygments"} <= names,
          f"pdm locked rich and its dependencies ({pinned(locked)})")
    files = [(package["name"], file) for package in locked for file in package.get("files", [])]
    wrong = [file.get("url") for name, file in files
             if not file.get("url", "").startswith(f"{base}/packages/")
             or file["hash"].removeprefix("sha256:") not in index_hashes(base, name)]
    check(files and not wrong, f"every file in pdm.lock is the index's: its URL under {base}/packages/, "
          f"its hash the index's ({len(files)} files){shown(wrong)}")
    probe = runner("import rich (pdm)", [project / ".venv" / "bin" / "python", "-c",
                   "import rich, importlib.metadata as m; print(m.version('rich'))"], env)
    check(probe.stdout.strip() == pins["rich"], f"pdm installed rich {probe.stdout.strip()} into a fresh venv")


def mirror(work, base, token, venvs, runner, timings):
    """bandersnatch 8 mirrors the whole index; a summary for the last line."""
    started = time.monotonic()
    python = python_312()
    if python is None:
        print("  skipped: bandersnatch (bandersnatch 8 needs Python 3.12+ and none was found)", flush=True)
        return "bandersnatch skipped (no Python 3.12+)"
    interpreter = venv_with(venvs / "bandersnatch", python, "bandersnatch", ["bandersnatch"], runner)
    version = runner("bandersnatch --version", [interpreter, "-m", "bandersnatch", "--version"],
                     dict(os.environ)).stdout.strip()
    directory = work / "mirror"
    config = work / "bandersnatch.conf"
    config.write_text(f"""[mirror]
directory = {directory}
master = {base}
allow-non-https = true
json = true
release-files = true
workers = 2
timeout = 60
global-timeout = 1800
stop-on-error = true
hash-index = false
simple-format = ALL
""")
    environment = {key: value for key, value in os.environ.items() if not key.endswith(("_proxy", "_PROXY"))}
    command = [interpreter, "-m", "bandersnatch", "--config", config, "mirror"]
    log = runner("bandersnatch mirror", command, environment, timeout=30 * MINUTES).stderr
    check("via Simple (PEP 691 v1) API" in log and "Syncing all packages" in log,
          f"{version} listed the index through /simple/ in PEP 691 JSON (_last-serial), no XML-RPC")
    projects, files = check_mirror(base, directory, "all")

    # A new release: the next run syncs that project alone (serials newer than the mirror's).
    new = build_wheel(work / "projects", "matrix-twine-pub", "0.2.0",
                      b"Metadata-Version: 2.1\nName: matrix-twine-pub\nVersion: 0.2.0\n",
                      {"matrix_twine_pub/__init__.py": b'PUBLISHER = "twine"\n'}, "clients-e2e")
    status, message = e2ekit.legacy_upload(base, token, new, "matrix-twine-pub", "0.2.0")
    check(status == 200, "matrix-twine-pub 0.2.0 uploaded" + (f": {status} {message}" if status != 200 else ""))
    log = runner("bandersnatch mirror again", command, environment, timeout=30 * MINUTES).stderr
    synced = re.search(r"INFO: ([0-9]+) packages to sync", log)
    check("Syncing based on changelog" in log and synced and synced.group(1) == "1",
          f"the second run synced the one changed project only "
          f"({synced.group(1) + ' packages to sync' if synced else 'no count in its log'})")
    check_mirror(base, directory, "the new release's")
    install_from_mirror(work, base, directory / "web", interpreter, runner)
    timings["bandersnatch"] = time.monotonic() - started
    return f"bandersnatch mirrored {projects} projects, {files} files, then 1 new release; pip installed from the mirror"


def install_from_mirror(work, base, web, interpreter, runner):
    """pip installs the new release from the mirror alone: its `web` directory served by Python's
    http.server on 127.0.0.1, the index's sha256 (PEP 691 JSON) required."""
    port = free_port()
    server = subprocess.Popen([interpreter, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(web)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        e2ekit.wait_for(f"http://127.0.0.1:{port}/simple/", "the mirror's http.server", REPORT)
        filename = "matrix_twine_pub-0.2.0-py3-none-any.whl"
        digest = simple_files(base, "matrix-twine-pub").get(filename)
        check(digest is not None, f"the index lists {filename} with its sha256")
        requirements = work / "mirror-requirements.txt"
        requirements.write_text(f"matrix-twine-pub==0.2.0 --hash=sha256:{digest}\n")
        target = work / "mirror-install"
        env = {key: value for key, value in client_env(work).items() if not key.endswith(("_proxy", "_PROXY"))}
        runner("pip install from the mirror", [
            interpreter, "-m", "pip", "install", "--index-url", f"http://127.0.0.1:{port}/simple/", "--no-cache-dir",
            "--require-hashes", "--no-deps", "--only-binary", ":all:", "--target", target, "-r", requirements], env)
        installed = sorted(path.name for path in target.glob("matrix_twine_pub-*.dist-info"))
        check(installed == ["matrix_twine_pub-0.2.0.dist-info"],
              f"pip installed matrix-twine-pub 0.2.0 from the mirror's web directory with --require-hashes "
              f"({', '.join(installed) or 'nothing installed'})")
    finally:
        e2ekit.stop_all([server])


def check_mirror(base, directory, which):
    """Every file of the index in the mirror with its sha256 (and its PEP 658 metadata file), the
    mirror's simple pages and JSON documents; (projects, files)."""
    index = json.loads(get(f"{base}/simple/", JSON)[2])
    serial = int(get(f"{base}/simple/", JSON)[1]["X-PyPI-Last-Serial"])
    web = directory / "web"
    missing, wrong, pages, files, metadata = [], [], [], 0, 0
    for project in index["projects"]:
        name = normalize(project["name"])
        page = json.loads(get(f"{base}/simple/{name}/", JSON)[2])
        mirrored_page = web / "simple" / name / "index.v1_json"
        if not (web / "simple" / name / "index.html").exists() or not mirrored_page.exists():
            pages.append(name)
        else:
            listed = {f["filename"]: f["hashes"].get("sha256") for f in json.loads(mirrored_page.read_text())["files"]}
            if listed != {f["filename"]: f["hashes"]["sha256"] for f in page["files"]}:
                pages.append(name)
        if not (web / "json" / name).exists() or not (web / "pypi" / name / "json").exists():
            pages.append(f"json/{name}")
        for file in page["files"]:
            files += 1
            path = web / urllib.parse.urlsplit(file["url"]).path.lstrip("/")
            if not path.exists():
                missing.append(file["filename"])
            elif sha256(path) != file["hashes"]["sha256"]:
                wrong.append(file["filename"])
            if file.get("core-metadata"):
                metadata += 1
                sidecar = path.with_name(path.name + ".metadata")
                if not sidecar.exists() or sha256(sidecar) != file["core-metadata"]["sha256"]:
                    wrong.append(sidecar.name)
    check(not missing and not wrong, f"{which} files in the mirror: {files} files of {len(index['projects'])} projects "
          f"and {metadata} PEP 658 metadata files, with the index's sha256{shown(missing, wrong)}")
    check(not pages and (web / "simple" / "index.html").exists() and (web / "simple" / "index.v1_json").exists(),
          f"the mirror's simple pages (HTML and PEP 691 JSON) and JSON documents list them{shown(pages)}")
    status = (directory / "status").read_text().strip() if (directory / "status").exists() else ""
    check(status == str(serial), f"the mirror recorded the index's serial {serial} ({status})")
    return len(index["projects"]), files


if __name__ == "__main__":
    main()
