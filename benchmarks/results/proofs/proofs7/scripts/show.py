import glob
import json
import os
import pathlib
import sys

rows = []
d = sys.argv[1]
for f in sorted(glob.glob(f"{d}/*/proofs.json")):
    tree = os.path.basename(os.path.dirname(f)).split("-")[0]
    for r in json.loads(pathlib.Path(f).read_text(encoding="utf-8"))["results"]:
        rows.append(
            (
                r["instance"],
                tree,
                r["status"],
                r["objective"],
                r["bound"],
                r["deterministic"],
                r["cpu"],
                r["wall"],
            )
        )
for r in sorted(rows):
    print(*r, sep=" | ")
