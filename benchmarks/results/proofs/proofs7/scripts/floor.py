import pathlib
import sys
import time

from scheduler.lower_bound.clashes import clash_floor
from scheduler.scenario import parse_scenario

for path in sys.argv[1:]:
    sc = parse_scenario(pathlib.Path(path).read_text(encoding="utf-8"), path)
    c = time.process_time()
    f = clash_floor(sc, limit=20.0, workers=1)
    print(path, f, round(time.process_time() - c, 2), flush=True)
