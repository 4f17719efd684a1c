"""Lines that llvm-cov counts as not executed, from `llvm-cov export` JSON on stdin.

A line's count is the highest of the count of the region it starts in and the counts of the
regions (not gaps) that start on it (llvm-cov's LineCoverageStats).
"""
import json
import sys

for file in json.load(sys.stdin)["data"][0]["files"]:
    missed = []
    segments = file["segments"]
    lines = {}
    for line, col, count, has_count, is_entry, *rest in segments:
        is_gap = bool(rest and rest[0])
        lines.setdefault(line, []).append((count, has_count, is_entry and not is_gap))
    last = max(lines) if lines else 0
    current = None  # the segment in effect at the start of the next line
    for line in range(1, last + 1):
        here = lines.get(line, [])
        entries = [c for c, has, entry in here if has and entry]
        wrapped = [current[0]] if current is not None and current[1] else []
        mapped = bool(entries or wrapped)
        count = max(entries + wrapped) if mapped else 0
        if mapped and count == 0:
            missed.append(line)
        if here:
            current = here[-1][:2]
    if missed:
        print(f"{file['filename']}: {missed}")
