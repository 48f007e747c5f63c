"""A capacitated facility-location MILP of a chosen size, for timing PuLP itself: import,
building the problem, solving it (prob.solve(), PuLP's default solver) and reading the answer.

Config (sandbox.config, or the JSON in argv[1] under plain CPython): facilities [10],
customers [50], seed [1], msg [true]. Variables: open[f] binary, x[f][c] in [0, 1] (share of
customer c served by f); constraints: every customer served, capacity, x[f][c] <= open[f].
Prints one line: "timing import=.. build=.. solve=.. solver=.. read=.. objective=.. size=.."
(seconds; solver: the solver's own time when PuLP's solver object reports it, else -1).
"""
import json
import random
import sys
import time

started = time.perf_counter()
import pulp  # noqa: E402

imported = time.perf_counter()
try:
    import sandbox
    config = sandbox.config
except ImportError:
    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
F = int(config.get("facilities", 10))
C = int(config.get("customers", 50))
r = random.Random(int(config.get("seed", 1)))
sites = [(r.random(), r.random()) for _ in range(F)]
towns = [(r.random(), r.random()) for _ in range(C)]
demand = [round(r.uniform(5, 15), 3) for _ in range(C)]
capacity = [round(r.uniform(2.5, 4.5) * sum(demand) / F, 3) for _ in range(F)]
fixed = [round(r.uniform(800, 1200), 2) for _ in range(F)]

prob = pulp.LpProblem("facility", pulp.LpMinimize)
is_open = [pulp.LpVariable("open_%d" % f, cat="Binary") for f in range(F)]
x = [[pulp.LpVariable("x_%d_%d" % (f, c), 0, 1) for c in range(C)] for f in range(F)]
unit = [[100 * ((sites[f][0] - towns[c][0]) ** 2 + (sites[f][1] - towns[c][1]) ** 2) ** 0.5 for c in range(C)]
        for f in range(F)]
prob += pulp.lpSum(fixed[f] * is_open[f] for f in range(F)) + pulp.lpSum(
    unit[f][c] * demand[c] * x[f][c] for f in range(F) for c in range(C))
for c in range(C):
    prob += pulp.lpSum(x[f][c] for f in range(F)) == 1, "serve_%d" % c
for f in range(F):
    prob += pulp.lpSum(demand[c] * x[f][c] for c in range(C)) <= capacity[f] * is_open[f], "capacity_%d" % f
    for c in range(C):
        prob += x[f][c] <= is_open[f], "link_%d_%d" % (f, c)
built = time.perf_counter()
if config.get("msg", True):
    prob.solve()
else:
    prob.solve(pulp.getSolver(pulp.LpSolverDefault.name, msg=False))
solved = time.perf_counter()
opened = sum(v.varValue for v in is_open)
served = sum(v.varValue for row in x for v in row)
read = time.perf_counter()
solver_seconds = getattr(prob.solver, "solution_time", 0) or -1
size = len(prob.variables()) + len(prob.constraints) + sum(len(c) for c in prob.constraints.values())
print("timing import=%.4f build=%.4f solve=%.4f solver=%.4f read=%.4f objective=%.6f size=%d status=%s opened=%d" % (
    imported - started, built - imported, solved - built, solver_seconds, read - solved,
    pulp.value(prob.objective), size, pulp.LpStatus[prob.status], opened))
