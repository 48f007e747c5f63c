"""CPython section, compute: what a model spends its Python time on before a solver sees anything.
Builds a transportation LP `rounds` times (sandbox.config, or argv[1] as JSON) the way modelling code
does (named variables in dicts, one coefficient dict per constraint, then coordinate form with
variable indices), pure Python. Prints its own wall time as `inproc_ms`."""
import json
import random
import sys
import time

try:
    import sandbox
    config = sandbox.config
except ImportError:  # plain python3: the config is argv[1]
    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}


def build(rng, sources, sinks):
    supply = [rng.uniform(50, 150) for _ in range(sources)]
    demand = [rng.uniform(20, 60) for _ in range(sinks)]
    variables = {}
    for i in range(sources):
        for j in range(sinks):
            variables[f"ship_{i:03d}_{j:03d}"] = {"source": i, "sink": j, "cost": round(rng.uniform(1, 20), 2),
                                                  "lower": 0.0, "upper": min(supply[i], demand[j])}
    rows = []
    for i in range(sources):
        rows.append({"name": f"supply_{i:03d}", "sense": "<=", "rhs": supply[i],
                     "coefficients": {f"ship_{i:03d}_{j:03d}": 1.0 for j in range(sinks)}})
    for j in range(sinks):
        rows.append({"name": f"demand_{j:03d}", "sense": ">=", "rhs": demand[j],
                     "coefficients": {f"ship_{i:03d}_{j:03d}": 1.0 for i in range(sources)}})
    index = {name: k for k, name in enumerate(sorted(variables))}
    triplets = [(r, index[name], value) for r, row in enumerate(rows) for name, value in row["coefficients"].items()]
    objective = [variables[name]["cost"] for name in sorted(variables)]
    return len(triplets) + sum(objective)


def main():
    started = time.perf_counter()
    rng = random.Random(7)
    checksum = 0.0
    for _ in range(int(config.get("rounds", 12))):
        checksum += build(rng, 120, 150)
    print(f"checksum {checksum:.2f}")
    print(f"inproc_ms {(time.perf_counter() - started) * 1000:.1f}")


main()
