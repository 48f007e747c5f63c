"""PuLP SO model: thermal unit commitment as a MILP, with system marginal prices from the LP duals.

The system: the job's data source (models/data/so; columns and defaults in models/README.md), or else
generated from `seed`: `generators` units (baseload, mid-merit, peakers; energy costs differ to the cent)
and a load over `hours` hours. Before hour 0 the cheapest units covering load and reserve have run for
longer than their minimum times. For unit g and hour t:
  variables   on, start, stop binary; p >= 0 the output; unserved[t] in [0, load_t], overGen[t] >= 0 and
              reserveShort[t] >= 0 (expensive slacks: every instance is feasible)
  minimize    sum energy*p + noLoad*on + startUp*start + voll*unserved + overGenPenalty*overGen + reservePenalty*reserveShort
  subject to  balance[t]:  sum_g p[g,t] + unserved[t] - overGen[t] = load_t
              reserve[t]:  sum_g pmax*on[g,t] + reserveShort[t] >= (1 + reserveShare) * load_t  (or load_t + reserve_mw)
              output:      pmin*on <= p <= pmax*on;  logic: on[g,t] - on[g,t-1] = start[g,t] - stop[g,t]
              min up/down: the starts of the last minUp hours <= on[g,t]; the stops of the last minDown <= 1 - on[g,t]
              ramps:       p[g,t] - p[g,t-1] <= rampUp*on[g,t-1] + startUpRamp*start[g,t]
                           p[g,t-1] - p[g,t] <= rampDown*on[g,t] + shutDownRamp*stop[g,t]
Prices: with on, start and stop fixed, the LP's dual of balance[t] is the system marginal price d(cost)/d(load_t);
unique when a unit is strictly inside its output range and ramp limits ("degenerateHours": hours without one;
"priceMismatchHours": the dual is not its cost; "rampLimitedUnitHours": units in range but at a ramp limit).

Config: CONFIG_DEFAULTS (models/README.md): `solver` null solves with prob.solve() (PuLP's default, CBC), a
name with pulp.getSolver; msg, timeLimit and gapRel go to the solver. uniquenessCheck solves again without the
optimal commitment ("uniquenessMargin" > 0: unique). Output: output/schedule.csv, prices.csv, units.csv.
"""
import json
import logging
import math
import random
import sys
import time
from itertools import accumulate

import pulp

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("so.pulp")
CONFIG_DEFAULTS = {"seed": 42, "generators": 10, "hours": 24, "startHour": 0, "reserveShare": 0.1, "voll": 3000.0,
                   "overGenPenalty": 500.0, "reservePenalty": 1000.0, "solver": None, "msg": True, "timeLimit": None,
                   "gapRel": None, "writeFiles": True, "uniquenessCheck": False}
MINIMUM = {"generators": 1, "hours": 1, "startHour": 0, "reserveShare": 0.0, "voll": 200.0, "overGenPenalty": 0.0,
           "reservePenalty": 0.0, "gapRel": 0.0}
NULLABLE = {"solver": str, "timeLimit": float, "gapRel": float}  # keys whose default is null, and their type
TOLERANCE = 1e-6  # relative: a unit is marginal when it is this far inside its output range and ramp limits
KINDS = {  # pmax MW, pmin share, energy EUR/MWh, no-load EUR/h, start-up EUR, min up h, min down h, ramp share of pmax per h
    "base": ((250, 450), (0.4, 0.5), (15, 30), (300, 600), (3000, 8000), (6, 8), (4, 6), (0.5, 0.7)),
    "mid": ((120, 250), (0.3, 0.4), (30, 55), (150, 300), (800, 2500), (3, 4), (2, 3), (0.8, 1.0)),
    "peaker": ((40, 120), (0.2, 0.3), (60, 110), (50, 150), (50, 300), (1, 1), (1, 1), (1.0, 1.0)),
}


def distinct_cost(rng, low, high, used):
    """A cost in [low, high) to the cent that no other unit has: no ties for the solver to break."""
    cost = round(rng.uniform(low, high), 2)
    while cost in used:
        cost = round(cost + 0.01, 2)
    used.add(cost)
    return cost


def load_shape(hour_of_day):
    """Daily load shape: a night trough, a day plateau and an evening peak (about 0.55 to 1.0)."""
    d = hour_of_day % 24
    return 0.55 + 0.3 * math.sin(math.pi * max(0, d - 5) / 19) + 0.15 * math.exp(-(d - 19) ** 2 / 4)


def generate_system(p):
    """Seeded units, hourly load and the state before the first hour."""
    rng = random.Random(p["seed"])
    units, used = [], set()
    for g in range(p["generators"]):
        kind = ("base", "mid", "peaker", "mid", "peaker")[g % 5]  # a realistic mix at any size
        size, share, energy, no_load, start, up, down, ramp = KINDS[kind]
        pmax = round(rng.uniform(*size), 1)
        ramp_mw = round(pmax * rng.uniform(*ramp), 1)
        pmin = round(pmax * rng.uniform(*share), 1)
        units.append({"name": f"U{g:03d}", "kind": kind, "pmax": pmax, "pmin": pmin,
                      "cost": distinct_cost(rng, *energy, used), "noLoad": round(rng.uniform(*no_load), 2),
                      "startUp": round(rng.uniform(*start), 2), "minUp": rng.randint(*up), "minDown": rng.randint(*down),
                      "rampUp": ramp_mw, "rampDown": ramp_mw,
                      "startUpRamp": max(pmin, ramp_mw), "shutDownRamp": max(pmin, ramp_mw)})
    peak = 0.7 * sum(u["pmax"] for u in units)
    load = [round(peak * load_shape(p["startHour"] + t) * rng.uniform(0.98, 1.02), 3) for t in range(p["hours"])]
    # before the first hour: the cheapest units covering the load and reserve, by merit order
    before = peak * load_shape(p["startHour"] - 1)
    online = merit_order_online(units, (1 + p["reserveShare"]) * before)
    return {"units": units, "load": load, "initialOn": {u["name"]: int(u["name"] in online) for u in units},
            "initialOutput": merit_order_output(units, online, before),
            "required": [(1 + p["reserveShare"]) * x for x in load]}


def merit_order_online(units, capacity_needed):
    """The names of the cheapest units whose capacity covers `capacity_needed`."""
    ordered = sorted(units, key=lambda u: u["cost"])
    return {u["name"] for u, before in zip(ordered, accumulate((u["pmax"] for u in ordered), initial=0.0))
            if before < capacity_needed}


def merit_order_output(units, online, load):
    """Output per unit name: the online units at pmin, the rest of `load` by rising cost."""
    initial = {u["name"]: u["pmin"] if u["name"] in online else 0.0 for u in units}
    rest = load - sum(initial.values())
    for u in sorted(units, key=lambda u: u["cost"]):
        if u["name"] in online and rest > 0:
            add = min(u["pmax"] - u["pmin"], rest)
            initial[u["name"]] = round(initial[u["name"]] + add, 3)
            rest -= add
    return initial


def load_system(data, p):
    """The system in the data's files, as generate_system gives it; p takes their units and hours."""
    log.info("System data: %s", data)
    sandbox.ignore_config(("seed", "generators", "startHour"))
    number, whole = sandbox.number, sandbox.whole
    rows = data.read_table("units.csv", {"unit": str, "pmin_mw": number, "pmax_mw": number, "marginal_cost_eur_mwh": number},
                           {"technology": (str, ""), "no_load_cost_eur_h": (number, 0.0), "startup_cost_eur": (number, 0.0),
                            "min_up_h": (whole, 1), "min_down_h": (whole, 1), "ramp_up_mw_h": (number, None),
                            "ramp_down_mw_h": (number, None), "startup_ramp_mw": (number, None),
                            "shutdown_ramp_mw": (number, None), "initial_on": (whole, None),
                            "initial_output_mw": (number, None)}, unique=("unit",), minimum={"min_up_h": 1, "min_down_h": 1})
    load = [row["load_mw"] for row in data.read_table("load_forecast.csv", {"hour": whole, "load_mw": number},
                                                      index="hour", minimum={"load_mw": 0})]
    reserves = data.read_table("reserves.csv", {"hour": whole, "reserve_mw": number}, required=False, index="hour",
                               minimum={"reserve_mw": 0})
    if not rows:
        raise ValueError("units.csv has no rows: it needs the units to commit")
    units = []
    for row in rows:
        line, pmin, pmax = f"units.csv line {row['_line']}", row["pmin_mw"], row["pmax_mw"]
        if not 0 <= pmin <= pmax or pmax == 0:
            raise ValueError(f"{line}: need 0 <= pmin_mw <= pmax_mw and pmax_mw > 0, got {pmin} and {pmax}")
        if row["initial_on"] not in (None, 0, 1):
            raise ValueError(f"{line}: initial_on must be 1 or 0, got {row['initial_on']}")
        up, down = (pmax if row[c] is None else row[c] for c in ("ramp_up_mw_h", "ramp_down_mw_h"))
        if up <= 0 or down <= 0:
            raise ValueError(f"{line}: ramp_up_mw_h and ramp_down_mw_h must be positive")
        units.append({"name": row["unit"], "kind": row["technology"] or "unit", "pmax": pmax, "pmin": pmin,
                      "cost": row["marginal_cost_eur_mwh"], "noLoad": row["no_load_cost_eur_h"],
                      "startUp": row["startup_cost_eur"], "minUp": row["min_up_h"], "minDown": row["min_down_h"],
                      "rampUp": up, "rampDown": down,
                      "startUpRamp": max(pmin, up) if row["startup_ramp_mw"] is None else row["startup_ramp_mw"],
                      "shutDownRamp": max(pmin, down) if row["shutdown_ramp_mw"] is None else row["shutdown_ramp_mw"]})
    if "hours" in sandbox.config:
        if p["hours"] > len(load):
            raise ValueError(f"config 'hours' is {p['hours']}, but load_forecast.csv has {len(load)} hours")
        load = load[:p["hours"]]
    if reserves is not None and len(reserves) < len(load):
        raise ValueError(f"reserves.csv has {len(reserves)} hours, load_forecast.csv {len(load)}: it needs every hour")
    required = ([(1 + p["reserveShare"]) * x for x in load] if reserves is None  # online capacity
                else [x + r["reserve_mw"] for x, r in zip(load, reserves)])
    given = [row["initial_on"] is not None for row in rows]
    if any(given) and not all(given):
        raise ValueError("units.csv: initial_on is empty for some units; give it for all units or none")
    online = {row["unit"] for row in rows if row["initial_on"]} if all(given) else merit_order_online(units, required[0])
    initial = merit_order_output(units, online, load[0])
    for u, row in zip(units, rows):  # given outputs before hour 0 replace the merit order's
        value, line = row["initial_output_mw"], f"units.csv line {row['_line']}: initial_output_mw {row['initial_output_mw']}"
        if value is not None and u["name"] in online and not u["pmin"] - 1e-6 <= value <= u["pmax"] + 1e-6:
            raise ValueError(f"{line} is outside pmin_mw-pmax_mw of an online unit")
        if value is not None and u["name"] not in online and value > 1e-6:
            raise ValueError(f"{line} for a unit that is off (initial_on 0)")
        initial[u["name"]] = initial[u["name"]] if value is None else value
    p.update(generators=len(units), hours=len(load))
    log.info("Reserve from %s; %d units online before hour 0", "reserveShare" if reserves is None else "reserves.csv",
             len(online))
    return {"units": units, "load": load, "initialOn": {u["name"]: int(u["name"] in online) for u in units},
            "initialOutput": initial, "required": required}


def build_problem(p, system, fixed=None):
    """The unit commitment MILP; with `fixed` ({"on"|"start"|"stop": {unit: [0/1 per hour]}}) the pricing LP:
    those variables continuous, both bounds at the given values."""
    units, load = system["units"], system["load"]
    hours = range(len(load))
    prob = pulp.LpProblem("unit_commitment" if fixed is None else "unit_commitment_pricing", pulp.LpMinimize)

    def commitment(kind, u, t):
        name = f"{kind}_{u['name']}_{t:03d}"
        if fixed is None:
            return pulp.LpVariable(name, cat="Binary")
        return pulp.LpVariable(name, fixed[kind][u["name"]][t], fixed[kind][u["name"]][t], cat="Continuous")

    on, start, stop = ({u["name"]: [commitment(kind, u, t) for t in hours] for u in units} for kind in ("on", "start", "stop"))
    out = {u["name"]: [pulp.LpVariable(f"p_{u['name']}_{t:03d}", 0, u["pmax"]) for t in hours] for u in units}
    unserved = [pulp.LpVariable(f"unserved_{t:03d}", 0, load[t]) for t in hours]
    over = [pulp.LpVariable(f"overGen_{t:03d}", 0) for t in hours]
    short = [pulp.LpVariable(f"reserveShort_{t:03d}", 0) for t in hours]
    costs = {"energy": pulp.lpSum(u["cost"] * out[u["name"]][t] for u in units for t in hours),
             "noLoad": pulp.lpSum(u["noLoad"] * on[u["name"]][t] for u in units for t in hours),
             "startUp": pulp.lpSum(u["startUp"] * start[u["name"]][t] for u in units for t in hours),
             "unservedEnergy": pulp.lpSum(p["voll"] * x for x in unserved),
             "overGeneration": pulp.lpSum(p["overGenPenalty"] * x for x in over),
             "reserveShortfall": pulp.lpSum(p["reservePenalty"] * x for x in short)}
    prob += pulp.lpSum(costs.values()), "total_cost"
    for t in hours:  # the dual of balance: d(total cost)/d(load[t]), the system marginal price
        prob += pulp.lpSum(out[u["name"]][t] for u in units) + unserved[t] - over[t] == load[t], f"balance_{t:03d}"
        prob += (pulp.lpSum(u["pmax"] * on[u["name"]][t] for u in units) + short[t]
                 >= system["required"][t]), f"reserve_{t:03d}"
    for u in units:
        g, u_on, u_start, u_stop, u_out = u["name"], on[u["name"]], start[u["name"]], stop[u["name"]], out[u["name"]]
        for t in hours:
            prev_on, prev_out = (u_on[t - 1], u_out[t - 1]) if t else (system["initialOn"][g], system["initialOutput"][g])
            prob += u_out[t] >= u["pmin"] * u_on[t], f"pmin_{g}_{t:03d}"
            prob += u_out[t] <= u["pmax"] * u_on[t], f"pmax_{g}_{t:03d}"
            prob += u_on[t] - prev_on == u_start[t] - u_stop[t], f"logic_{g}_{t:03d}"
            # min up/down within the horizon: the state before it is old enough
            prob += pulp.lpSum(u_start[max(0, t - u["minUp"] + 1):t + 1]) <= u_on[t], f"minup_{g}_{t:03d}"
            prob += pulp.lpSum(u_stop[max(0, t - u["minDown"] + 1):t + 1]) <= 1 - u_on[t], f"mindown_{g}_{t:03d}"
            prob += (u_out[t] - prev_out <= u["rampUp"] * prev_on + u["startUpRamp"] * u_start[t]), f"rampup_{g}_{t:03d}"
            prob += (prev_out - u_out[t] <= u["rampDown"] * u_on[t] + u["shutDownRamp"] * u_stop[t]), f"rampdown_{g}_{t:03d}"
    return {"prob": prob, "on": on, "start": start, "stop": stop, "out": out, "unserved": unserved, "over": over,
            "short": short, "costs": costs, "balance": [prob.constraints[f"balance_{t:03d}"] for t in hours]}


def make_solver(p):
    """None for plain prob.solve(), else a solver with msg, timeLimit and gapRel (null `solver`: the default's class)."""
    options = {key: p[key] for key in ("msg", "timeLimit", "gapRel") if p[key] is not None}
    if p["solver"] is None and options == {"msg": True}:
        return None
    return pulp.getSolver(p["solver"] or getattr(pulp.LpSolverDefault, "name", None) or "PULP_CBC_CMD", **options)


def solve(prob, solver, what):
    """Solves, logs the outcome and returns the seconds taken."""
    sys.stdout.flush()  # the solver writes its log to the same stdout
    started = time.perf_counter()
    prob.solve(solver)
    seconds = time.perf_counter() - started
    log.info("%s: %s (%s) in %.3f s, objective %s", what, pulp.LpStatus[prob.status],
             pulp.LpSolution.get(prob.sol_status, prob.sol_status), seconds, pulp.value(prob.objective))
    return seconds


def hourly_prices(p, system, lp, fixed):
    """The duals of balance[t] and who sets them: the units strictly inside their output range and ramp limits
    (and the slacks strictly positive), which make the price unique when it is their cost. Returns (prices,
    marginal labels, degenerate hours, mismatched hours, unit-hours in range but held at a ramp limit)."""
    prices, marginal, degenerate, mismatched, ramp_limited = [], [], 0, 0, 0
    outputs = {g: [x.varValue for x in xs] for g, xs in lp["out"].items()}
    for t, load in enumerate(system["load"]):
        found = []
        for u in system["units"]:
            g, out, on = u["name"], outputs[u["name"]], fixed["on"][u["name"]]
            tol = TOLERANCE * max(1.0, u["pmax"])
            if not on[t] or not u["pmin"] + tol < out[t] < u["pmax"] - tol:
                continue
            slacks = []
            for k in [k for k in (t, t + 1) if k < len(out)]:  # the ramps of hours t and t + 1 both hold p[g,t]
                prev_on, prev_out = (on[k - 1], out[k - 1]) if k else (system["initialOn"][g], system["initialOutput"][g])
                slacks.append(u["rampUp"] * prev_on + u["startUpRamp"] * fixed["start"][g][k] - (out[k] - prev_out))
                slacks.append(u["rampDown"] * on[k] + u["shutDownRamp"] * fixed["stop"][g][k] - (prev_out - out[k]))
            if min(slacks) > tol:
                found.append((g, u["cost"]))
            else:
                ramp_limited += 1
        if TOLERANCE * max(1.0, load) < lp["unserved"][t].varValue < load * (1 - TOLERANCE):
            found.append(("unserved energy", p["voll"]))
        if lp["over"][t].varValue > TOLERANCE * max(1.0, load):
            found.append(("over-generation", -p["overGenPenalty"]))
        price = lp["balance"][t].pi
        prices.append(price)
        marginal.append("; ".join(label for label, _ in found) or None)
        if not found:
            degenerate += 1  # nothing free to move: any price in an interval would balance the hour
            log.warning("Hour %d has no marginal unit: its price %.4f is not unique", t, price)
        elif any(abs(price - cost) > TOLERANCE * max(1.0, abs(cost)) for _, cost in found):
            mismatched += 1
            log.warning("Hour %d: dual %.6f but marginal %s", t, price, found)
    return prices, marginal, degenerate, mismatched, ramp_limited


def write_files(system, model, fixed, prices, marginal):
    """output/schedule.csv, output/prices.csv and output/units.csv, from the pricing LP."""
    units, load, on = system["units"], system["load"], fixed["on"]
    fields = ["name", "kind", "pmin", "pmax", "cost", "noLoad", "startUp", "minUp", "minDown", "rampUp", "rampDown",
              "startUpRamp", "shutDownRamp"]
    return [sandbox.write_csv("output/schedule.csv", ["hour", "unit", "on", "start", "stop", "output_mw"],
                              ([t, u["name"], on[u["name"]][t], fixed["start"][u["name"]][t], fixed["stop"][u["name"]][t],
                                model["out"][u["name"]][t].varValue] for t in range(len(load)) for u in units)),
            sandbox.write_csv("output/prices.csv", ["hour", "load_mw", "price_eur_mwh", "marginal", "online_capacity_mw",
                                                    "unserved_mw", "over_generation_mw"],
                              ([t, load[t], price, marginal[t], sum(u["pmax"] * on[u["name"]][t] for u in units),
                                model["unserved"][t].varValue, model["over"][t].varValue] for t, price in enumerate(prices))),
            sandbox.write_csv("output/units.csv", fields + ["initialOn", "initialOutput"],
                              ([u[k] for k in fields] + [system["initialOn"][u["name"]], system["initialOutput"][u["name"]]]
                               for u in units))]


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    p = sandbox.read_config(CONFIG_DEFAULTS, MINIMUM, NULLABLE)
    if p["timeLimit"] is not None and p["timeLimit"] <= 0:
        raise ValueError(f"config 'timeLimit' must be positive or null, got {p['timeLimit']!r}")
    if p["gapRel"] is not None and p["gapRel"] >= 1:
        raise ValueError(f"config 'gapRel' must be below 1, got {p['gapRel']!r}")
    log.info("SO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    data = sandbox.find_data()
    sandbox.progress(0.0, "generating system data" if data is None else "reading system data")
    system = generate_system(p) if data is None else load_system(data, p)
    units, load = system["units"], system["load"]
    log.info("%d units (%s), load %.0f-%.0f MW over %d hours", len(units),
             ", ".join(f"{u['kind']} {u['pmax']:.0f} MW" for u in units), min(load), max(load), len(load))

    solver, milp = make_solver(p), build_problem(p, system)
    prob = milp["prob"]
    size = {"generators": len(units), "hours": len(load), "variables": len(prob.variables()),
            "binaries": sum(1 for v in prob.variables() if v.cat == pulp.LpInteger), "constraints": len(prob.constraints)}
    log.info("MILP: %d variables (%d binary), %d constraints", size["variables"], size["binaries"], size["constraints"])
    sandbox.progress(0.1, "solving the MILP")
    seconds = {"milp": solve(prob, solver, "MILP")}
    status = pulp.LpStatus[prob.status]
    if status != "Optimal":
        sandbox.result({"status": status, "objective": None, "size": size})
        raise RuntimeError(f"the unit commitment MILP ended {status}")
    # PuLP 2.6 also says "Optimal" for a MILP stopped by timeLimit with a solution: sol_status tells
    solution_status = pulp.LpSolution.get(prob.sol_status, str(prob.sol_status))
    if prob.sol_status != pulp.LpSolutionOptimal:
        log.warning("MILP not proven optimal (%s): prices may differ between solvers", solution_status)
    total, costs = pulp.value(prob.objective), {key: pulp.value(expr) for key, expr in milp["costs"].items()}
    # round: binaries may come back as 0.9999999
    fixed = {kind: {g: [int(round(x.varValue)) for x in milp[kind][g]] for g in milp[kind]} for kind in ("on", "start", "stop")}
    sandbox.metric("objective", total, step=1)
    uniqueness = {}
    if p["uniquenessCheck"]:
        sandbox.progress(0.4, "uniqueness check: second-best commitment")
        check = build_problem(p, system)
        check["prob"] += pulp.lpSum((1 - x) if fixed["on"][g][t] else x
                                    for g, xs in check["on"].items() for t, x in enumerate(xs)) >= 1, "exclude_optimum"
        seconds["uniquenessCheck"] = solve(check["prob"], solver, "MILP without the optimal commitment")
        second = pulp.value(check["prob"].objective) if pulp.LpStatus[check["prob"].status] == "Optimal" else None
        uniqueness = {"secondBestObjective": second, "uniquenessMargin": None if second is None else second - total}
        log.info("Uniqueness check: second-best cost %s, margin %s", second, uniqueness["uniquenessMargin"])

    sandbox.progress(0.6, "solving the pricing LP")
    lp = build_problem(p, system, fixed)
    seconds["lp"] = solve(lp["prob"], solver, "Pricing LP")
    lp_status = pulp.LpStatus[lp["prob"].status]
    if lp_status != "Optimal":
        sandbox.result({"status": status, "objective": total, "lpStatus": lp_status, "size": size})
        raise RuntimeError(f"the pricing LP ended {lp_status}")
    lp_total = pulp.value(lp["prob"].objective)
    sandbox.metric("objective", lp_total, step=2)
    sandbox.progress(0.8, "checking prices")
    prices, marginal, degenerate, mismatched, ramp_limited = hourly_prices(p, system, lp, fixed)
    start_ups = sum(map(sum, fixed["start"].values()))
    for key, amount in costs.items():
        log.info("  %-16s %14.2f EUR", key, amount)
    log.info("Total cost %.2f EUR (LP %.2f) with %d start-ups; average price %.2f EUR/MWh; %d degenerate hours",
             total, lp_total, start_ups, sum(prices) / len(prices), degenerate)

    sandbox.progress(0.9, "writing results")
    files = write_files(system, lp, fixed, prices, marginal) if p["writeFiles"] else []
    result = {"status": status, "solutionStatus": solution_status, "objective": total, "lpStatus": lp_status,
              "lpObjective": lp_total, "prices": prices, "marginalUnits": marginal, "commitment": fixed["on"],
              "startUps": start_ups, "costs": costs, "load": load, "degenerateHours": degenerate,
              "priceMismatchHours": mismatched, "rampLimitedUnitHours": ramp_limited, "units": units,
              "size": size, "solveSeconds": seconds, "solver": p["solver"] or getattr(pulp.LpSolverDefault, "name", None),
              "files": files, "dataSource": data.reference() if data else None}
    result.update(uniqueness)
    sandbox.progress(1.0, "done")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
