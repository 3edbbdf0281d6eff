# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
import sys

from scheduler.solver import search as S

orig = S.search


def wrapped(solver, model, options, started, on_values=None):
    out = orig(solver, model, options, started, on_values)
    print(
        f"[search] status {out.status} obj {out.solver.objective_value} bound {out.solver.best_objective_bound} cons {len(model.proto.constraints)} subs {list(solver.parameters.subsolvers)}",
        file=sys.stderr,
        flush=True,
    )
    return out


S.search = wrapped
sys.argv = ["trace.py"] + sys.argv[1:]
exec(open(__file__.replace("bnd.py", "trace.py")).read())
