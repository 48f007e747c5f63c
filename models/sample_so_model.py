"""Sample SO model: unit commitment by dynamic programming, with a cost breakdown.

The system: the job's data source (models/data/so), or else generated from `seed`: `generators` units
(baseload, mid-merit, peakers) with pmin, pmax, an energy cost, a no-load cost per hour online and a
start-up cost, and a load over `hours` hours. Forward dynamic programming over all 2^units on/off states
s decides exactly which units run (one hour = one stage = one iteration; metric: the cheapest so far):
  V_t(s) = hourly_cost(t, s) + min over s' of [ V_{t-1}(s') + start-up costs of the units off in s', on in s ]
  hourly_cost(t, s) = energy of the merit-order dispatch of s (pmin each, the rest of the load by rising
                      cost: optimal for linear costs) + no-load costs + voll * unserved load
                      + reservePenalty * max(0, load_t * (1 + reserveMargin) - online capacity)
A state whose minimum outputs exceed the load is infeasible; minimum up/down times are not modelled.
With data (reserves.csv: load_t + reserve_mw instead) the min over s' is a min-plus transform over the
units, n * 2^(n-1) steps per hour instead of 4^n: a dozen units take a second (at most 14).

Config: CONFIG_DEFAULTS (models/README.md); each extra unit about quadruples the work. selfCheck also
enumerates every schedule (if generators * hours <= 16), each hour dispatched at every vertex of its LP.
Output: output/commitment.csv, dispatch.csv and prices.csv; the result JSON is printed last.
"""
import itertools
import json
import logging
import math
import random

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("so")
INF = math.inf
CONFIG_DEFAULTS = {"seed": 42, "generators": 6, "hours": 24, "startHour": 0, "reserveMargin": 0.1,
                   "reservePenalty": 100.0, "voll": 3000.0, "selfCheck": False}
MINIMUM = {"generators": 1, "hours": 1, "startHour": 0, "reserveMargin": 0.0, "reservePenalty": 0.0, "voll": 0.0}
MAX_DATA_UNITS = 14  # the DP has 2^units states
KINDS = {  # pmax range, pmin share, energy $/MWh, no-load $/h, start-up $
    "base": ((250, 450), (0.4, 0.5), (15, 30), (300, 600), (3000, 8000)),
    "mid": ((120, 250), (0.3, 0.4), (30, 55), (150, 300), (800, 2500)),
    "peaker": ((40, 120), (0.2, 0.3), (60, 110), (50, 150), (50, 300)),
}


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
    log.info("%d units (%s), load %d-%d MW over %d hours", len(units),
             ", ".join(f"{u['kind']} {u['pmax']} MW" for u in units), min(load), max(load), len(load))
    return {"units": units, "load": load, "required": [(1 + p["reserveMargin"]) * x for x in load],
            "initial": sum(1 << u["id"] for u in sorted(units, key=lambda u: u["cost"])[: (len(units) + 1) // 2])}


def load_system(data, p):
    """The system in the data's files, as generate_system gives it; p takes their units and hours."""
    log.info("System data: %s", data)
    sandbox.ignore_config(("seed", "generators", "startHour"))
    number, whole = sandbox.number, sandbox.whole
    rows = data.read_table("units.csv", {"unit": str, "pmin_mw": number, "pmax_mw": number, "marginal_cost_eur_mwh": number},
                           {"technology": (str, ""), "no_load_cost_eur_h": (number, 0.0), "startup_cost_eur": (number, 0.0),
                            "initial_on": (whole, None)}, unique=("unit",))
    load = [row["load_mw"] for row in data.read_table("load_forecast.csv", {"hour": whole, "load_mw": number},
                                                      index="hour", minimum={"load_mw": 0})]
    reserves = data.read_table("reserves.csv", {"hour": whole, "reserve_mw": number}, required=False, index="hour",
                               minimum={"reserve_mw": 0})
    if not rows:
        raise ValueError("units.csv has no rows: it needs the units to commit")
    if len(rows) > MAX_DATA_UNITS:
        raise ValueError(f"units.csv has {len(rows)} units; this model's DP has 2^units states and takes at most "
                         f"{MAX_DATA_UNITS} (pulp_so_unit_commitment.py takes any number)")
    for row in rows:
        if not 0 <= row["pmin_mw"] <= row["pmax_mw"]:
            raise ValueError(f"units.csv line {row['_line']}: need 0 <= pmin_mw <= pmax_mw, got {row['pmin_mw']} and "
                             f"{row['pmax_mw']}")
        if row["initial_on"] not in (None, 0, 1):
            raise ValueError(f"units.csv line {row['_line']}: initial_on must be 1 or 0, got {row['initial_on']}")
    units = [{"id": g, "name": row["unit"], "kind": row["technology"] or "unit", "pmax": row["pmax_mw"], "pmin": row["pmin_mw"],
              "cost": row["marginal_cost_eur_mwh"], "noLoad": row["no_load_cost_eur_h"], "startup": row["startup_cost_eur"]}
             for g, row in enumerate(rows)]
    if "hours" in sandbox.config:
        if p["hours"] > len(load):
            raise ValueError(f"config 'hours' is {p['hours']}, but load_forecast.csv has {len(load)} hours")
        load = load[:p["hours"]]
    if reserves is not None and len(reserves) < len(load):
        raise ValueError(f"reserves.csv has {len(reserves)} hours, load_forecast.csv {len(load)}: it needs every hour")
    given = [row["initial_on"] is not None for row in rows]
    if any(given) and not all(given):
        raise ValueError("units.csv: initial_on is empty for some units; give it for all units or none")
    cheapest = sorted(units, key=lambda u: u["cost"])[: (len(units) + 1) // 2]  # online before hour 0 if not given
    p.update(generators=len(units), hours=len(load))
    log.info("%d units (%s), load %.0f-%.0f MW over %d hours, reserve from %s; min up/down times and ramps "
             "are not modelled", len(units), ", ".join(f"{u['name']} {u['pmax']:g} MW" for u in units),
             min(load), max(load), len(load), "reserveMargin" if reserves is None else "reserves.csv")
    return {"units": units, "load": load, "money": "EUR",
            "initial": sum(1 << g for g, row in enumerate(rows) if row["initial_on"]) if all(given)
            else sum(1 << u["id"] for u in cheapest),
            "required": [(1 + p["reserveMargin"]) * x for x in load] if reserves is None
            else [x + r["reserve_mw"] for x, r in zip(load, reserves)]}


def min_plus_startups(value, units):
    """For every state s: min over q of value[q] + start-up cost of the units on in s and off in q,
    and the q that gives it, in n * 2^(n-1) steps (one pass per unit over all pairs of states)."""
    best, arg = list(value), list(range(len(value)))
    for g, u in enumerate(units):
        bit, cost = 1 << g, u["startup"]
        for off in range(len(value)):
            if off & bit:
                continue
            on = off | bit  # s has unit g on: from q with it on (free) or off (a start-up)
            a, b = best[off], best[on]
            arg_a, arg_b = arg[off], arg[on]
            if a <= b:  # s with unit g off: from either, free
                best[off], arg[off] = a, arg_a
            else:
                best[off], arg[off] = b, arg_b
            if a + cost < b:
                best[on], arg[on] = a + cost, arg_a
    return best, arg


def dispatch(units, mask, load, voll):
    """Merit-order dispatch of the online units: (energy cost, unserved MW, outputs), or None when their minimum
    outputs exceed the load. Load is unserved only when no unit has room or the rest cost more than `voll`."""
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


def hour_cost(p, units, mask, load, required, dispatch_fn):
    """Cost parts of running the units in `mask` for an hour (None: infeasible); `required`: online capacity."""
    solved = dispatch_fn(units, mask, load, p["voll"])
    if solved is None:
        return None
    energy, unserved = solved[:2]
    online = [u for u in units if mask >> u["id"] & 1]
    missing = max(0.0, required - sum(u["pmax"] for u in online))
    return {"energy": energy, "noLoad": sum(u["noLoad"] for u in online),
            "unservedEnergy": p["voll"] * unserved, "reserveShortfall": p["reservePenalty"] * missing}


def unit_commitment(p, system, on_stage, transform=False):
    """Forward DP over on/off states: (total cost, state per hour, transitions). With `transform` the cheapest
    arrival in each state comes from min_plus_startups (transitions: the pairs it compares implicitly)."""
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
        if transform:
            arrival, origin = min_plus_startups(value, units)
        for s in range(n):
            parts = hour_cost(p, units, s, load[t], system["required"][t], dispatch)
            if parts is None:
                continue
            transitions += len(reachable)
            if transform:
                new_value[s], choice[s] = arrival[s] + sum(parts.values()), origin[s]
                continue
            arrive = [value[q] + startup[s & ~q] for q in reachable]  # start-ups are the units newly on
            cheapest = min(arrive)
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


def write_outputs(system, schedule, hourly):
    """output/commitment.csv, output/dispatch.csv and output/prices.csv."""
    units, previous = system["units"], [system["initial"]] + schedule[:-1]
    name = [u.get("name", u["id"]) for u in units]
    on = [[int(bool(s >> u["id"] & 1)) for u in units] for s in schedule]
    was = [[int(bool(s >> u["id"] & 1)) for u in units] for s in previous]
    return [sandbox.write_csv("output/commitment.csv", ["hour", "unit", "on", "start", "stop"],
                              ([t, name[g], on[t][g], int(on[t][g] and not was[t][g]), int(was[t][g] and not on[t][g])]
                               for t in range(len(schedule)) for g in range(len(units)))),
            sandbox.write_csv("output/dispatch.csv", ["hour", "unit", "output_mw", "marginal_cost_eur_mwh"],
                              ([t, name[g], hourly[t]["output"][g], round(u["cost"], 4)]
                               for t in range(len(schedule)) for g, u in enumerate(units))),
            sandbox.write_csv("output/prices.csv", ["hour", "load_mw", "marginal_cost_eur_mwh", "online_capacity_mw",
                                                    "required_capacity_mw", "unserved_mw"],
                              ([t, row["load"], row["marginalCost"], sum(u["pmax"] for u in units if s >> u["id"] & 1),
                                round(system["required"][t], 4), row["unservedMW"]]
                               for t, (s, row) in enumerate(zip(schedule, hourly))))]


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
    table = [[hour_cost(p, units, s, load[t], system["required"][t], dispatch_by_vertices) for s in range(n)]
             for t in range(len(load))]
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
    p = sandbox.read_config(dict(CONFIG_DEFAULTS, writeFiles=True), MINIMUM)
    write_files = p.pop("writeFiles")
    log.info("SO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    data = sandbox.find_data()
    sandbox.progress(0.0, "generating system data" if data is None else "reading system data")
    system = generate_system(p) if data is None else load_system(data, p)
    units, load, money = system["units"], system["load"], system.get("money", "$")

    def on_stage(t, best):
        sandbox.metric("objective", best, step=t + 1)
        sandbox.progress(0.05 + 0.85 * (t + 1) / len(load), f"hour {t + 1} of {len(load)}")

    total, schedule, transitions = unit_commitment(p, system, on_stage, transform=data is not None)

    breakdown = {"energy": 0.0, "noLoad": 0.0, "startup": 0.0, "unservedEnergy": 0.0, "reserveShortfall": 0.0}
    hourly, previous, startups = [], system["initial"], 0
    for t, s in enumerate(schedule):
        for key, amount in hour_cost(p, units, s, load[t], system["required"][t], dispatch).items():
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
        log.info("  %-16s %14.2f %s", key, amount, money)
    log.info("Total cost %.2f %s with %d start-ups (%d DP transitions)", total, money, startups, transitions)
    files = write_outputs(system, schedule, hourly) if write_files else []
    result = {"totalCost": total, "costBreakdown": breakdown, "startups": startups, "iterations": len(load),
              "transitions": transitions,
              "initialOnline": "".join("1" if system["initial"] >> g & 1 else "0" for g in range(len(units))),
              "units": units, "hours": hourly, "dataSource": data.reference() if data else None, "files": files}
    real_time = sandbox.upstream("prices.csv", "price_eur_mwh")  # the RMO's 5-minute prices, in a chain
    if real_time:
        result["upstream"] = real_time
        log.info("Real-time prices from %s v%s: mean %.2f", real_time["source"]["name"], real_time["source"]["version"],
                 real_time["mean"])
    if p["selfCheck"] and p["generators"] * p["hours"] > 16:
        log.warning("Self-check skipped: generators * hours must be at most 16")
        result["selfCheck"] = {"objective": total, "skipped": "generators * hours must be at most 16"}
    elif p["selfCheck"]:
        sandbox.progress(0.9, "self-check: enumerating all schedules")
        brute = brute_force_cost(p, system)
        result["selfCheck"] = {"objective": total, "bruteForceObjective": brute, "breakdownSum": sum(breakdown.values())}
        log.info("Self-check: DP %.6f, brute force %.6f", total, brute)
    sandbox.result(result)
    sandbox.progress(1.0, "done")


if __name__ == "__main__":
    main()
