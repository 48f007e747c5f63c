"""Sample SO model: unit commitment by dynamic programming, with a cost breakdown.

The system (generated in memory from a seed): `generators` thermal units of three kinds
(cheap but inflexible baseload, mid-merit, expensive peakers) with minimum and maximum output,
a linear energy cost, a no-load cost for every hour online and a start-up cost; an hourly load
over `hours` hours; and a reserve rule: online capacity should cover load * (1 + reserveMargin).

Which units run in which hour is decided exactly by forward dynamic programming over all
2^generators on/off combinations:
  V_t(s) = hourly_cost(t, s) + min over s' of [ V_{t-1}(s') + start-up cost of units off in s', on in s ]
where hourly_cost is the economic dispatch of the online units (each at its minimum, the rest of
the load by rising energy cost: optimal for linear costs), plus no-load cost, VOLL for load
that cannot be served and a penalty for missing reserve. States whose minimum outputs exceed
the load are infeasible. Each hour is one DP stage (iteration); the objective metric is the
cheapest cost-to-date after that stage. Minimum up/down times are not modelled (they would
need on/off-duration counters in the state).

Config keys (sandbox.config), defaults in brackets:
  seed [42]              random seed
  generators [6]         units; the DP looks at 4^generators transitions per hour
  hours [24]             hours in the horizon
  startHour [0]          hour of day of the first hour (load peaks around 14:00 and 19:00)
  reserveMargin [0.1]    required online capacity above load, as a share of load
  reservePenalty [100.0] $/MW-h of missing reserve capacity
  voll [3000.0]          value of lost load, $/MWh
  selfCheck [false]      also enumerate every commitment schedule ((2^generators)^hours of
                         them, so skipped unless generators * hours <= 16), dispatching each
                         hour a different way (trying every vertex of the dispatch LP)
To run longer (benchmarks) raise `generators` (each extra unit about quadruples the work; in
CPython 6 takes ~0.06 s, 8 ~0.4 s, 9 ~1 s, 10 ~5 s) or `hours` (linear).
Self-check example: {"selfCheck": true, "generators": 3, "hours": 4, "seed": 11}
"""
import itertools
import json
import logging
import math
import random
import sys

try:
    import sandbox
except ImportError:  # plain CPython: a stand-in so the model runs locally (an optional argv[1] is the config JSON)
    import types, uuid
    sandbox = types.SimpleNamespace(job_id="LOCAL_" + uuid.uuid4().hex[:6], model_type="SO", data_source_id=None,
        config=json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}, log=lambda level, msg: logging.log(logging.getLevelName(level), msg),
        progress=lambda f, m=None: None, metric=lambda n, v, step=None: None, result=lambda obj: print(json.dumps(obj)))

log = logging.getLogger("so")
INF = math.inf
DEFAULTS = {"seed": 42, "generators": 6, "hours": 24, "startHour": 0, "reserveMargin": 0.1,
            "reservePenalty": 100.0, "voll": 3000.0, "selfCheck": False}
MINIMUM = {"generators": 1, "hours": 1, "startHour": 0, "reserveMargin": 0.0, "reservePenalty": 0.0, "voll": 0.0}
KINDS = {  # pmax range, pmin share, energy $/MWh, no-load $/h, start-up $
    "base": ((250, 450), (0.4, 0.5), (15, 30), (300, 600), (3000, 8000)),
    "mid": ((120, 250), (0.3, 0.4), (30, 55), (150, 300), (800, 2500)),
    "peaker": ((40, 120), (0.2, 0.3), (60, 110), (50, 150), (50, 300)),
}


def read_config(raw):
    """Defaults overlaid with sandbox.config; wrong types or ranges fail loudly."""
    params = dict(DEFAULTS)
    for key, value in raw.items():
        if key not in DEFAULTS:
            log.warning("Ignoring unknown config key %r", key)
            continue
        default = DEFAULTS[key]
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "true or false" if isinstance(default, bool) else "a number"
            raise ValueError(f"config {key!r} must be {kind}, got {value!r}")
        if isinstance(default, int) and not isinstance(default, bool) and value != int(value):
            raise ValueError(f"config {key!r} must be a whole number, got {value!r}")
        params[key] = type(default)(value)
        if key in MINIMUM and params[key] < MINIMUM[key]:
            raise ValueError(f"config {key!r} must be at least {MINIMUM[key]}, got {value!r}")
    return params


def generate_system(p):
    """Seeded units, hourly load and the initial on/off state (cheapest half online)."""
    rng = random.Random(p["seed"])
    units = []
    for g in range(p["generators"]):
        kind = ("base", "mid", "peaker", "mid", "peaker")[g % 5]  # a realistic mix at any size
        size, share, energy, no_load, start = KINDS[kind]
        pmax = rng.randint(*size)
        units.append({"id": g, "kind": kind, "pmax": pmax, "pmin": round(pmax * rng.uniform(*share)),
                      "cost": rng.uniform(*energy), "noLoad": rng.uniform(*no_load), "startup": rng.uniform(*start)})
    peak = 0.7 * sum(u["pmax"] for u in units)
    day = [(p["startHour"] + h) % 24 for h in range(p["hours"])]
    load = [round(peak * (0.55 + 0.3 * math.sin(math.pi * max(0, d - 5) / 19)
                          + 0.15 * math.exp(-(d - 19) ** 2 / 4)) * rng.uniform(0.95, 1.05)) for d in day]
    cheapest = sorted(units, key=lambda u: u["cost"])[: (len(units) + 1) // 2]
    initial = sum(1 << u["id"] for u in cheapest)
    return {"units": units, "load": load, "initial": initial}


def dispatch(units, mask, load, voll):
    """Merit-order dispatch of the online units. Returns (energy cost, unserved MW, outputs)
    or None when their minimum outputs exceed the load. Load is left unserved only when no
    unit has room or the remaining units cost more than `voll`."""
    online = [u for u in units if mask >> u["id"] & 1]
    output = {u["id"]: u["pmin"] for u in online}
    rest = load - sum(output.values())
    if rest < 0:
        return None
    for u in sorted(online, key=lambda u: u["cost"]):
        if u["cost"] >= voll:
            break
        add = min(u["pmax"] - u["pmin"], rest)
        output[u["id"]] += add
        rest -= add
    return sum(u["cost"] * output[u["id"]] for u in online), rest, output


def hour_cost(p, units, mask, load, dispatch_fn):
    """Cost parts of running the units in `mask` for one hour, or None if infeasible."""
    solved = dispatch_fn(units, mask, load, p["voll"])
    if solved is None:
        return None
    energy, unserved = solved[:2]
    online = [u for u in units if mask >> u["id"] & 1]
    missing = max(0.0, (1 + p["reserveMargin"]) * load - sum(u["pmax"] for u in online))
    return {"energy": energy, "noLoad": sum(u["noLoad"] for u in online),
            "unservedEnergy": p["voll"] * unserved, "reserveShortfall": p["reservePenalty"] * missing}


def unit_commitment(p, system, on_stage):
    """Forward DP over on/off states; returns (total cost, state per hour, transitions)."""
    units, load = system["units"], system["load"]
    n = 1 << len(units)
    startup = [0.0] * n  # startup[m]: start-up cost of all units in bit mask m
    for m in range(1, n):
        low = m & -m
        startup[m] = startup[m ^ low] + units[low.bit_length() - 1]["startup"]
    value = [INF] * n
    value[system["initial"]] = 0.0
    back, transitions = [], 0
    for t in range(len(load)):
        reachable = [s for s in range(n) if value[s] < INF]
        new_value, choice = [INF] * n, [-1] * n
        for s in range(n):
            parts = hour_cost(p, units, s, load[t], dispatch)
            if parts is None:
                continue
            arrive = [value[q] + startup[s & ~q] for q in reachable]  # start-ups are the units newly on
            cheapest = min(arrive)
            transitions += len(reachable)
            new_value[s] = cheapest + sum(parts.values())
            choice[s] = reachable[arrive.index(cheapest)]
        value = new_value
        back.append(choice)
        on_stage(t, min(value))
    state = min(range(n), key=value.__getitem__)
    total, schedule = value[state], []
    for t in range(len(load) - 1, -1, -1):  # follow the stored choices back to hour 0
        schedule.append(state)
        state = back[t][state]
    return total, schedule[::-1], transitions


def dispatch_by_vertices(units, mask, load, voll):
    """Self-check dispatch: the LP optimum is a vertex with at most one variable (a unit or the
    unserved load) strictly between its bounds; try every such vertex."""
    online = [u for u in units if mask >> u["id"] & 1]
    best = None
    for free in range(len(online) + 1):  # index len(online) means "unserved load is free"
        others = [u for i, u in enumerate(online) if i != free]
        for levels in itertools.product(*[(u["pmin"], u["pmax"]) for u in others]):
            rest = load - sum(levels)
            if free < len(online):
                u = online[free]
                if not u["pmin"] <= rest <= u["pmax"]:
                    continue
                cost, unserved = u["cost"] * rest, 0.0
            elif rest >= 0:
                cost, unserved = 0.0, rest
            else:
                continue
            cost += sum(u["cost"] * level for u, level in zip(others, levels))
            if best is None or cost + voll * unserved < best[0] + voll * best[1]:
                best = (cost, unserved)
    return best


def brute_force_cost(p, system):
    """Self-check: every commitment schedule, costed hour by hour with dispatch_by_vertices."""
    units, load, n = system["units"], system["load"], 1 << len(system["units"])
    table = [[hour_cost(p, units, s, load[t], dispatch_by_vertices) for s in range(n)] for t in range(len(load))]
    best = INF
    for schedule in itertools.product(range(n), repeat=len(load)):
        total, previous = 0.0, system["initial"]
        for t, s in enumerate(schedule):
            if table[t][s] is None:
                break
            started = [u for u in units if s >> u["id"] & 1 and not previous >> u["id"] & 1]
            total += sum(table[t][s].values()) + sum(u["startup"] for u in started)
            previous = s
        else:
            best = min(best, total)
    return best


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    p = read_config(dict(sandbox.config or {}))
    log.info("SO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    sandbox.progress(0.0, "generating system data")
    system = generate_system(p)
    units, load = system["units"], system["load"]
    log.info("%d units (%s), load %d-%d MW over %d hours", len(units),
             ", ".join(f"{u['kind']} {u['pmax']} MW" for u in units), min(load), max(load), len(load))

    def on_stage(t, best):
        sandbox.metric("objective", best, step=t + 1)
        sandbox.progress(0.05 + 0.85 * (t + 1) / len(load), f"hour {t + 1} of {len(load)}")
        log.debug("hour %d: cheapest cost-to-date %.2f", t, best)

    total, schedule, transitions = unit_commitment(p, system, on_stage)

    breakdown = {"energy": 0.0, "noLoad": 0.0, "startup": 0.0, "unservedEnergy": 0.0, "reserveShortfall": 0.0}
    hourly, previous, startups = [], system["initial"], 0
    for t, s in enumerate(schedule):
        for key, amount in hour_cost(p, units, s, load[t], dispatch).items():
            breakdown[key] += amount
        started = s & ~previous
        startups += bin(started).count("1")
        breakdown["startup"] += sum(u["startup"] for u in units if started >> u["id"] & 1)
        _, unserved, output = dispatch(units, s, load[t], p["voll"])
        loaded = [u["cost"] for u in units if output.get(u["id"], 0) > u["pmin"]]  # units that could back down
        hourly.append({"hour": t, "load": load[t], "online": "".join("1" if s >> g & 1 else "0" for g in range(len(units))),
                       "output": [output.get(g, 0) for g in range(len(units))], "unservedMW": unserved,
                       "marginalCost": p["voll"] if unserved > 0 else (round(max(loaded), 4) if loaded else None)})
        previous = s
    for key, amount in breakdown.items():
        log.info("  %-16s %14.2f $", key, amount)
    log.info("Total cost %.2f $ with %d start-ups (%d DP transitions)", total, startups, transitions)
    result = {"totalCost": total, "costBreakdown": breakdown, "startups": startups, "iterations": len(load),
              "transitions": transitions, "initialOnline": "".join("1" if system["initial"] >> g & 1 else "0" for g in range(len(units))),
              "units": units, "hours": hourly}
    if p["selfCheck"] and p["generators"] * p["hours"] > 16:
        log.warning("Self-check skipped: generators * hours must be at most 16")
        result["selfCheck"] = {"objective": total, "skipped": "generators * hours must be at most 16"}
    elif p["selfCheck"]:
        sandbox.progress(0.9, "self-check: enumerating all schedules")
        brute = brute_force_cost(p, system)
        result["selfCheck"] = {"objective": total, "bruteForceObjective": brute,
                               "breakdownSum": sum(breakdown.values())}
        log.info("Self-check: DP %.6f, brute force %.6f", total, brute)
    sandbox.result(result)
    sandbox.progress(1.0, "done")


if __name__ == "__main__":
    main()
