import pickle, sys
from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy.people import within_people_hours
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.board import Spot, session_starts
from scheduler.solver.greedy.eject import _Related
sc = load_scenario("/tmp/huge/big3.yaml")
facts = within_people_hours(sc, run.load_facts(sc))
placed = {k: Spot(*v) for k, v in pickle.load(open(sys.argv[1], "rb")).items()}
board = placement.board_of(sc, facts, placed)
f = facts["work-2526"]
print("parallel", sc.parallel_limit, "licences", sc.hybrid.licences, "g", board.grid.g, "per_day", board.grid.per_day)
for sid in ["dial-1960", "talk-8734"]:
    print(sid, placed.get(sid), facts[sid].domain.size())
rel = _Related(board, f, placed, facts)
ids = board.ids
for t, day, size in session_starts(board.grid, f):
    span = slice(t, t + size)
    b = board
    why = []
    if b.blocked[span].any(): why.append("break/exclusive")
    if sc.parallel_limit is not None and (b.running[span] >= sc.parallel_limit).any(): why.append("parallel")
    if (b.licences[span] >= sc.hybrid.licences).any():
        full = [u for u in range(t, t+size) if b.licences[u] >= sc.hybrid.licences]
        hs = [i for a, c, i in rel.licensed if a <= full[0] and full[-1] + 1 <= c]
        why.append(f"lic-full {len(full)} holders {len(hs)}")
    people = rel.blockers(t, day, size)
    pb = set()
    for pid in f.session.person_ids:
        pb.update(b.person[pid][span].tolist())
    pb.discard(-1)
    print(t, day, size, why, "rel", None if people is None else sorted(ids[i] for i in people), "person", sorted(ids[i] for i in pb), "running max", int(b.running[span].max()))
