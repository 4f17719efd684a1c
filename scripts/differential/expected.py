"""What Python's `packaging` says about the differential fixtures.

Writes one JSON file that the Swift test `DifferentialTests` compares with PythonPackaging:
  versions:  for each real version string: valid?, str(Version), canonicalize_version, rank
  releaseOrder: the rank of every version string, PEP 440 or not, in the order Warehouse sorts
             releases (packaging-legacy's parse: legacy versions below every valid one)
  names:     for each real project name and a derived display-style variant: valid?, canonical form
  filenames: for each distribution in the corpus directory: parsed wheel or sdist filename
  requirements: every Requires-Dist and Requires-Python in the corpus's wheels: str() and
             the marker evaluated in a fixed environment
Usage: python expected.py FIXTURES_DIR CORPUS_DIR OUT_JSON
"""
import json
import os
import sys

import packaging
from packaging.utils import (
    InvalidName,
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    canonicalize_version,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

# The environment the markers of real requirements are evaluated in (CPython 3.12 on Linux).
ENVIRONMENT = {
    "implementation_name": "cpython", "implementation_version": "3.12.4", "os_name": "posix",
    "platform_machine": "x86_64", "platform_release": "6.1.0", "platform_system": "Linux",
    "platform_version": "#1 SMP", "python_full_version": "3.12.4",
    "platform_python_implementation": "CPython", "python_version": "3.12", "sys_platform": "linux",
}


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.rstrip("\n")]


def versions(strings):
    parsed = {}
    out = []
    for s in strings:
        try:
            v = Version(s)
        except InvalidVersion:
            out.append({"input": s, "valid": False})
            continue
        parsed[s] = v
        out.append({"input": s, "valid": True, "normalized": str(v),
                    "canonical": canonicalize_version(s)})
    # Rank of each valid version among the distinct versions (equal versions share a rank).
    distinct = sorted(set(parsed.values()))
    rank = {v: i for i, v in enumerate(distinct)}
    for entry in out:
        if entry["valid"]:
            entry["rank"] = rank[parsed[entry["input"]]]
    return out


def release_order(strings):
    from packaging_legacy.version import parse

    parsed = {s: parse(s) for s in strings}
    distinct = sorted(set(parsed.values()))
    rank = {v: i for i, v in enumerate(distinct)}
    return [{"input": s, "rank": rank[parsed[s]]} for s in strings]


def display_variant(name, i):
    """A deterministic display-style spelling of a normalized name, as authors write them."""
    seps = ["_", ".", "-", "__", "-_"]
    parts = name.split("-")
    word = seps[i % len(seps)].join(parts)
    return word.upper() if i % 3 == 0 else word.title() if i % 3 == 1 else word


def names(strings):
    out = []
    for i, s in enumerate(strings):
        for candidate in (s, display_variant(s, i), "-" + s if i % 50 == 0 else None):
            if candidate is None:
                continue
            try:
                canonical = canonicalize_name(candidate, validate=True)
                out.append({"input": candidate, "valid": True, "canonical": canonical})
            except InvalidName:
                out.append({"input": candidate, "valid": False,
                            "canonical": canonicalize_name(candidate)})
    order = sorted({e["canonical"] for e in out if e["valid"]})
    return {"entries": out, "sorted": order}


def filenames(corpus):
    out = []
    for f in sorted(os.listdir(corpus)) if corpus and os.path.isdir(corpus) else []:
        if f.endswith(".whl"):
            try:
                n, v, b, tags = parse_wheel_filename(f)
                out.append({"filename": f, "kind": "wheel", "name": n, "version": str(v),
                            "build": f"{b[0]}{b[1]}" if b else None,
                            "tags": sorted(str(t) for t in tags)})
            except InvalidWheelFilename as e:
                out.append({"filename": f, "kind": "wheel", "error": str(e)})
        elif f.endswith((".tar.gz", ".zip")):
            try:
                n, v = parse_sdist_filename(f)
                out.append({"filename": f, "kind": "sdist", "name": n, "version": str(v)})
            except InvalidSdistFilename as e:
                out.append({"filename": f, "kind": "sdist", "error": str(e)})
    return out


def requirements(corpus):
    import email.parser
    import zipfile

    strings = set()
    specifiers = set()
    for f in sorted(os.listdir(corpus)) if corpus and os.path.isdir(corpus) else []:
        if not f.endswith(".whl"):
            continue
        with zipfile.ZipFile(os.path.join(corpus, f)) as z:
            meta = [n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1]
            headers = email.parser.BytesParser().parsebytes(z.read(meta[0]), headersonly=True)
        strings.update(headers.get_all("Requires-Dist") or [])
        specifiers.update(headers.get_all("Requires-Python") or [])
    out = []
    for s in sorted(strings):
        try:
            r = Requirement(s)
        except InvalidRequirement:
            out.append({"input": s, "valid": False})
            continue
        env = dict(ENVIRONMENT, extra="test")
        out.append({"input": s, "valid": True, "string": str(r),
                    "marker": None if r.marker is None else r.marker.evaluate(env)})
    python = []
    for s in sorted(specifiers):
        try:
            spec = SpecifierSet(s)
            python.append({"input": s, "valid": True, "string": str(spec),
                           "contains": [v for v in ("2.7", "3.8", "3.12.4", "3.14.0rc1") if spec.contains(v)]})
        except InvalidSpecifier:
            python.append({"input": s, "valid": False})
    return {"requiresDist": out, "requiresPython": python}


def main():
    fixtures, corpus, target = sys.argv[1], sys.argv[2], sys.argv[3]
    result = {
        "packaging": packaging.__version__,
        "versions": versions(lines(os.path.join(fixtures, "versions.txt"))),
        "releaseOrder": release_order(lines(os.path.join(fixtures, "versions.txt"))),
        "names": names(lines(os.path.join(fixtures, "names.txt"))),
        "filenames": filenames(corpus),
        "requirements": requirements(corpus),
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(result, f)
    v = result["versions"]
    print(f"differential: packaging {packaging.__version__}: {len(v)} versions "
          f"({sum(e['valid'] for e in v)} valid), {len(result['names']['entries'])} names, "
          f"{len(result['filenames'])} filenames, "
          f"{len(result['requirements']['requiresDist'])} requirements")


if __name__ == "__main__":
    main()
