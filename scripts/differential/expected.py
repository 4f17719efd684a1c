"""What Python's `packaging` says about the differential fixtures.

Writes one JSON file that the Swift test `DifferentialTests` compares with PythonPackaging:
  versions:  for each real version string: valid?, str(Version), canonicalize_version, rank
  names:     for each real project name and a derived display-style variant: valid?, canonical form
  filenames: for each distribution in the corpus directory: parsed wheel or sdist filename
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
from packaging.version import InvalidVersion, Version


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


def main():
    fixtures, corpus, target = sys.argv[1], sys.argv[2], sys.argv[3]
    result = {
        "packaging": packaging.__version__,
        "versions": versions(lines(os.path.join(fixtures, "versions.txt"))),
        "names": names(lines(os.path.join(fixtures, "names.txt"))),
        "filenames": filenames(corpus),
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(result, f)
    v = result["versions"]
    print(f"differential: packaging {packaging.__version__}: {len(v)} versions "
          f"({sum(e['valid'] for e in v)} valid), {len(result['names']['entries'])} names, "
          f"{len(result['filenames'])} filenames")


if __name__ == "__main__":
    main()
