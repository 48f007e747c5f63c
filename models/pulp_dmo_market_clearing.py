"""PuLP DMO model: day-ahead market clearing as a MILP, with prices from the LP duals.

The market: the job's data source (models/data/dmo via sandbox.read_market; blocks may sell too), or
else generated from `seed`: `generators` units with `offerSteps` steps an hour (a quarter solar), an
inelastic load (65 % of demand), `demandSteps` bid steps an hour and `blocks` block orders (two thirds
bids) in exclusive groups of `groupSize`. All prices differ to the cent: the optimum is unique.
  variables   offer[h,i] in [0, qty], bid[h,j] in [0, qty], curtail[h] in [0, load_h], block[b] binary
  maximize    sum price*bid - sum price*offer - priceCap*sum curtail + sum_b sign_b*limit_b*qty_b*hours_b*block[b]
              (sign_b: +1 for a bid, -1 for an offer; the inelastic load's value, a constant, is left out)
  subject to  balance[h]:   sum_j bid[h,j] + bid blocks in h + load_h - curtail[h] = sum_i offer[h,i] + offer blocks
              exclusive[g]: sum of block[b] over the blocks of group g <= 1
Prices: with the blocks fixed at the MILP's values, the LP's dual of balance[h] is the price of hour h
(PuLP keeps it as bids - offers = -load_h, so pi = +price); unique when a step is strictly inside its
bounds ("degenerateHours": hours without one; "priceMismatchHours": the dual is not its price).

Config: CONFIG_DEFAULTS (models/README.md): `solver` null solves with prob.solve() (PuLP's default, CBC),
a name with pulp.getSolver; msg, timeLimit and gapRel go to the solver. uniquenessCheck solves again
without the optimal block set ("uniquenessMargin" > 0: unique). Output: output/prices.csv, schedule.csv,
blocks.csv; stdout the DMO line sequence (with the solver's log), the result JSON last.
"""
import json
import logging
import math
import random
import sys
import time
from datetime import datetime, timezone

import pulp

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("dmo.pulp")
CONFIG_DEFAULTS = {"seed": 42, "hours": 24, "generators": 12, "offerSteps": 3, "demandSteps": 4, "blocks": 12,
                   "groupSize": 3, "priceCap": 3000.0, "solver": None, "msg": True, "timeLimit": None, "gapRel": None,
                   "writeFiles": True, "uniquenessCheck": False}
MINIMUM = {"hours": 1, "generators": 1, "offerSteps": 1, "demandSteps": 1, "blocks": 0, "groupSize": 1,
           "priceCap": 200.0, "gapRel": 0.0}
NULLABLE = {"solver": str, "timeLimit": float, "gapRel": float}  # keys whose default is null, and their type
TOLERANCE = 1e-6  # relative: a step is marginal when it is this far inside its bounds


def distinct_price(rng, low, high, used):
    """A price in [low, high) to the cent that no other step or block has: no ties for the solver to break."""
    price = round(rng.uniform(low, high), 2)
    while price in used:
        price = round(price + 0.01, 2)
    used.add(price)
    return price


def generate_market(p):
    """Seeded offers, bids and blocks, quantities in MW with three decimals and prices in cents."""
    rng = random.Random(p["seed"])
    hours, used = p["hours"], {p["priceCap"]}
    solar = [max(0.0, math.sin(math.pi * ((h % 24) - 6) / 12)) for h in range(hours)]
    shape = [0.65 + 0.35 * math.sin(math.pi * ((h % 24) - 7) / 14) ** 2 for h in range(hours)]
    supply, nameplate = [[] for _ in range(hours)], 0.0  # per hour: dicts with gen, unit, label, step, price, qty
    for g in range(p["generators"]):
        is_solar = rng.random() < 0.25
        cap = rng.uniform(50, 150) if is_solar else rng.uniform(100, 400)
        base = rng.uniform(0, 5) if is_solar else rng.uniform(20, 90)
        prices = sorted(distinct_price(rng, base * (1 + 0.15 * k), base * (1 + 0.15 * k) + 3, used)
                        for k in range(p["offerSteps"]))
        shares = [rng.uniform(0.5, 1.5) for _ in range(p["offerSteps"])]
        nameplate += cap * (0.5 if is_solar else 1.0)
        for h in range(hours):
            available = cap * (solar[h] * rng.uniform(0.85, 1.0) if is_solar else rng.uniform(0.9, 1.0))
            for k, price in enumerate(prices):
                qty = round(available * shares[k] / sum(shares), 3)
                if qty > 0:
                    supply[h].append({"gen": g, "unit": g, "label": f"g{g}", "step": k, "price": price, "qty": qty})
    peak, load, demand = 0.8 * nameplate, [], []  # per hour: the inelastic MW, and dicts with step, price, qty
    for h in range(hours):
        total = peak * shape[h] * rng.uniform(0.97, 1.03)
        load.append(round(0.65 * total, 3))
        demand.append([{"step": k, "price": distinct_price(rng, 150 * 0.7 ** k, 150 * 0.7 ** k + 6, used),
                        "qty": round(0.35 * total / p["demandSteps"] * rng.uniform(0.7, 1.3), 3)}
                       for k in range(p["demandSteps"])])
    blocks, groups = [], 0
    while len(blocks) < p["blocks"]:
        # one order, up to groupSize alternatives: other start hours, about the same price and MW
        length = rng.randint(min(2, hours), min(8, hours))
        is_bid = rng.random() < 2 / 3
        base = rng.uniform(70, 90) if is_bid else rng.uniform(65, 85)
        qty = rng.uniform(0.05, 0.15) * peak
        for _ in range(min(p["groupSize"], p["blocks"] - len(blocks))):
            start = rng.randint(0, hours - length)
            blocks.append({"id": len(blocks), "name": len(blocks), "group": groups, "groupName": groups,
                           "side": "bid" if is_bid else "offer", "start": start, "end": start + length,
                           "qty": round(qty * rng.uniform(0.95, 1.05), 3), "price": distinct_price(rng, base, base + 2, used)})
        groups += 1
    return {"supply": supply, "load": load, "demand": demand, "blocks": blocks, "priceCap": p["priceCap"]}


def load_market(data, p):
    """The market in the data's files (sandbox.read_market); p takes their hours, blocks and generators."""
    log.info("Market data: %s", data)
    sandbox.ignore_config(("seed", "generators", "offerSteps", "demandSteps", "blocks", "groupSize"))
    m = sandbox.read_market(data, p["hours"] if "hours" in sandbox.config else None)
    index = {unit: g for g, unit in enumerate(sorted({o["unit"] for offers in m["offers"] for o in offers}))}
    supply = [[dict(o, gen=index[o["unit"]], label=o["unit"])
               for o in sorted(offers, key=lambda o: (index[o["unit"]], o["step"]))] for offers in m["offers"]]
    groups = list(dict.fromkeys(b["group"] for b in m["blocks"]))  # numbered in order of first appearance
    market = {"supply": supply, "load": m["load"], "demand": [sorted(bids, key=lambda b: b["step"]) for bids in m["bids"]],
              "blocks": [dict(b, id=i, group=groups.index(b["group"])) for i, b in enumerate(m["blocks"])],
              "priceCap": p["priceCap"]}
    p.update(hours=m["hours"], blocks=len(market["blocks"]), generators=len(index))
    log.info("%d hours, %d units, %d offer steps, %d bid steps, %d blocks in %d groups, price cap %.2f EUR/MWh",
             p["hours"], p["generators"], sum(map(len, supply)), sum(map(len, market["demand"])), p["blocks"],
             len(groups), p["priceCap"])
    return market


def build_problem(market, fixed_blocks=None):
    """The clearing MILP; with `fixed_blocks` ({id: 0 or 1}) the pricing LP: the block variables continuous,
    both bounds at that value. Returns the problem, its variables and its balance constraints."""
    supply, demand, blocks, load = market["supply"], market["demand"], market["blocks"], market["load"]
    hours = range(len(demand))
    prob = pulp.LpProblem("day_ahead_clearing" if fixed_blocks is None else "day_ahead_pricing", pulp.LpMaximize)
    offer = [[pulp.LpVariable(f"offer_{h:03d}_g{s['gen']:03d}_{s['step']}", 0, s["qty"]) for s in supply[h]] for h in hours]
    bid = [[pulp.LpVariable(f"bid_{h:03d}_{d['step']}", 0, d["qty"]) for d in demand[h]] for h in hours]
    curtail = [pulp.LpVariable(f"curtail_{h:03d}", 0, load[h]) for h in hours]
    block = {b["id"]: pulp.LpVariable(f"block_{b['id']:04d}", cat="Binary") if fixed_blocks is None else
             pulp.LpVariable(f"block_{b['id']:04d}", fixed_blocks[b["id"]], fixed_blocks[b["id"]], cat="Continuous")
             for b in blocks}
    welfare = []
    for h in hours:
        welfare += [d["price"] * x for d, x in zip(demand[h], bid[h])]
        welfare += [-s["price"] * x for s, x in zip(supply[h], offer[h])]
        welfare.append(-market["priceCap"] * curtail[h])
    for b in blocks:
        welfare.append((1 if b["side"] == "bid" else -1) * b["price"] * b["qty"] * (b["end"] - b["start"]) * block[b["id"]])
    prob += pulp.lpSum(welfare), "welfare"
    for h in hours:
        in_hour = {side: [b["qty"] * block[b["id"]] for b in blocks if b["side"] == side and b["start"] <= h < b["end"]]
                   for side in ("bid", "offer")}
        # stored as (demand - supply) == -load[h]: one MW less load is worth the price, so pi = +price
        prob += (pulp.lpSum(bid[h]) + pulp.lpSum(in_hour["bid"]) + load[h] - curtail[h]
                 == pulp.lpSum(offer[h]) + pulp.lpSum(in_hour["offer"])), f"balance_{h:03d}"
    for g in sorted({b["group"] for b in blocks}):
        group = [block[b["id"]] for b in blocks if b["group"] == g]
        if len(group) > 1:
            prob += pulp.lpSum(group) <= 1, f"exclusive_{g:04d}"
    return {"prob": prob, "offer": offer, "bid": bid, "curtail": curtail, "block": block,
            "balance": [prob.constraints[f"balance_{h:03d}"] for h in hours]}


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


def marginal_steps(market, model, h):
    """The (label, price) of what is strictly inside its bounds in hour h (solution files carry eight digits)."""
    def inside(value, upper):
        return TOLERANCE * max(1.0, upper) < value < upper * (1 - TOLERANCE)
    return ([(f"offer {s['label']} step {s['step']}", s["price"])
             for s, x in zip(market["supply"][h], model["offer"][h]) if inside(x.varValue, s["qty"])]
            + [(f"bid step {d['step']}", d["price"]) for d, x in zip(market["demand"][h], model["bid"][h])
               if inside(x.varValue, d["qty"])]
            + ([("curtailment", market["priceCap"])] if inside(model["curtail"][h].varValue, market["load"][h]) else []))


def write_files(market, model, prices, volumes, marginal, block_rows):
    """output/prices.csv, output/schedule.csv and output/blocks.csv, from the pricing LP."""
    hours, schedule = range(len(prices)), []
    for h in hours:
        schedule += [[h, "offer", s["unit"], s["step"], s["price"], s["qty"], x.varValue]
                     for s, x in zip(market["supply"][h], model["offer"][h])]
        schedule += [[h, "bid", "", d["step"], d["price"], d["qty"], x.varValue]
                     for d, x in zip(market["demand"][h], model["bid"][h])]
    return [sandbox.write_csv("output/prices.csv", ["hour", "price_eur_mwh", "volume_mw", "inelastic_load_mw",
                                                    "curtailed_mw", "marginal"],
                              ([h, prices[h], volumes[h], market["load"][h], model["curtail"][h].varValue, marginal[h]]
                               for h in hours)),
            sandbox.write_csv("output/schedule.csv", ["hour", "side", "unit", "step", "price_eur_mwh", "offered_mw",
                                                      "accepted_mw"], schedule),
            sandbox.write_csv("output/blocks.csv", ["block", "exclusive_group", "side", "first_hour", "last_hour",
                                                    "quantity_mw", "limit_price_eur_mwh", "accepted", "average_price_eur_mwh"],
                              ([row["id"], row["group"], "buy" if row["side"] == "bid" else "sell", row["start"],
                                row["end"] - 1, row["qty"], row["price"], int(row["accepted"]), row["averagePrice"]]
                               for row in block_rows))]


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"[{datetime.now(timezone.utc).isoformat()}] Starting DMO optimization")
    print(f"Job ID: {sandbox.job_id}")
    print(f"Configuration: {json.dumps(sandbox.config, sort_keys=True)}")
    p = sandbox.read_config(CONFIG_DEFAULTS, MINIMUM, NULLABLE)
    if p["timeLimit"] is not None and p["timeLimit"] <= 0:
        raise ValueError(f"config 'timeLimit' must be positive or null, got {p['timeLimit']!r}")
    if p["gapRel"] is not None and p["gapRel"] >= 1:
        raise ValueError(f"config 'gapRel' must be below 1, got {p['gapRel']!r}")
    log.info("Effective parameters: %s", json.dumps(p, sort_keys=True))
    data = sandbox.find_data()
    print("Loading market data from database...")
    sandbox.progress(0.0, "generating market data" if data is None else "reading market data")
    market = generate_market(p) if data is None else load_market(data, p)
    steps = sum(map(len, market["supply"])), sum(map(len, market["demand"]))
    print(f"Data loaded successfully: {sum(steps) + len(market['blocks'])} records")
    sandbox.progress(0.1, "market data ready")

    print("Running optimization algorithm...")
    solver, milp = make_solver(p), build_problem(market)
    prob, block = milp["prob"], milp["block"]
    size = {"hours": p["hours"], "supplySteps": steps[0], "demandSteps": steps[1], "blocks": len(market["blocks"]),
            "groups": len({b["group"] for b in market["blocks"]}), "variables": len(prob.variables()), "binaries": len(block),
            "constraints": len(prob.constraints)}
    log.info("MILP: %d variables (%d binary), %d constraints", size["variables"], size["binaries"], size["constraints"])
    sandbox.progress(0.2, "solving the MILP")
    seconds = {"milp": solve(prob, solver, "MILP")}
    status = pulp.LpStatus[prob.status]
    if status != "Optimal":
        sandbox.result({"status": status, "objective": None, "size": size})
        raise RuntimeError(f"the clearing MILP ended {status}")
    # PuLP 2.6 also says "Optimal" for a MILP stopped by timeLimit with a solution: sol_status tells
    solution_status = pulp.LpSolution.get(prob.sol_status, str(prob.sol_status))
    if prob.sol_status != pulp.LpSolutionOptimal:
        log.warning("MILP not proven optimal (%s): prices may differ between solvers", solution_status)
    welfare = pulp.value(prob.objective)
    fixed = {b: int(round(v.varValue)) for b, v in block.items()}  # round: binaries may come back as 0.9999999
    accepted = sorted(b for b, on in fixed.items() if on)
    sandbox.metric("objective", welfare, step=1)
    uniqueness = {}
    if p["uniquenessCheck"] and block:
        sandbox.progress(0.4, "uniqueness check: second-best block set")
        check = build_problem(market)
        check["prob"] += pulp.lpSum((1 - v) if fixed[b] else v for b, v in check["block"].items()) >= 1, "exclude_optimum"
        seconds["uniquenessCheck"] = solve(check["prob"], solver, "MILP without the optimal block set")
        second = pulp.value(check["prob"].objective) if pulp.LpStatus[check["prob"].status] == "Optimal" else None
        uniqueness = {"secondBestObjective": second, "uniquenessMargin": None if second is None else welfare - second}
        log.info("Uniqueness check: second-best welfare %s, margin %s", second, uniqueness["uniquenessMargin"])

    sandbox.progress(0.6, "solving the pricing LP")
    lp = build_problem(market, fixed)
    seconds["lp"] = solve(lp["prob"], solver, "Pricing LP")
    lp_status = pulp.LpStatus[lp["prob"].status]
    if lp_status != "Optimal":
        sandbox.result({"status": status, "objective": welfare, "lpStatus": lp_status, "size": size})
        raise RuntimeError(f"the pricing LP ended {lp_status}")
    lp_welfare = pulp.value(lp["prob"].objective)
    sandbox.metric("objective", lp_welfare, step=2)
    print(f"Optimization converged after {len(seconds)} iterations")  # one a solve
    print(f"Objective value: {welfare:.2f}")
    sandbox.progress(0.8, "checking prices")

    prices, volumes, marginal, degenerate, mismatched = [], [], [], 0, 0
    for h in range(p["hours"]):
        price, steps = lp["balance"][h].pi, marginal_steps(market, lp, h)
        prices.append(price)
        volumes.append(market["load"][h] - lp["curtail"][h].varValue + sum(x.varValue for x in lp["bid"][h])
                       + sum(b["qty"] * fixed[b["id"]] for b in market["blocks"]
                             if b["side"] == "bid" and b["start"] <= h < b["end"]))
        marginal.append("; ".join(label for label, _ in steps) or None)
        if not steps:
            degenerate += 1  # nothing strictly inside its bounds: any price in an interval would clear the hour
            log.warning("Hour %d has no marginal step: its price %.4f is not unique", h, price)
        elif any(abs(price - step_price) > TOLERANCE * max(1.0, abs(step_price)) for _, step_price in steps):
            mismatched += 1
            log.warning("Hour %d: dual %.6f but marginal %s", h, price, steps)
    block_rows, paradoxical = [], {"accepted": 0, "rejected": 0}
    for b in market["blocks"]:
        average = sum(prices[b["start"]:b["end"]]) / (b["end"] - b["start"])
        is_accepted = bool(fixed[b["id"]])
        # in the money: a bid's limit above the average price, an offer's price below it
        surplus = (b["price"] - average) if b["side"] == "bid" else (average - b["price"])
        paradoxical["accepted"] += is_accepted and surplus < -TOLERANCE * max(1.0, average)  # out of the money
        paradoxical["rejected"] += not is_accepted and surplus > TOLERANCE * max(1.0, average)  # in it, left out
        block_rows.append({"id": b["name"], "group": b["groupName"], "side": b["side"], "start": b["start"],
                           "end": b["end"], "qty": b["qty"], "price": b["price"], "accepted": is_accepted,
                           "averagePrice": average})
    log.info("Welfare %.2f EUR (LP %.2f); accepted %d of %d blocks; average price %.2f EUR/MWh; %d degenerate hours",
             welfare, lp_welfare, len(accepted), len(block_rows), sum(prices) / len(prices), degenerate)

    print("Writing results to database...")
    sandbox.progress(0.9, "writing results")
    files = write_files(market, lp, prices, volumes, marginal, block_rows) if p["writeFiles"] else []
    result = {"status": status, "solutionStatus": solution_status, "objective": welfare, "lpStatus": lp_status,
              "lpObjective": lp_welfare, "prices": prices, "volumes": volumes, "marginal": marginal,
              "curtailedMWh": sum(x.varValue for x in lp["curtail"]),
              "acceptedBlocks": [market["blocks"][b]["name"] for b in accepted], "blocks": block_rows,
              "paradoxicalBlocks": paradoxical, "degenerateHours": degenerate, "priceMismatchHours": mismatched,
              "size": size, "solveSeconds": seconds, "solver": p["solver"] or getattr(pulp.LpSolverDefault, "name", None),
              "files": files, "dataSource": data.reference() if data else None}
    result.update(uniqueness)
    sandbox.progress(1.0, "done")
    print(f"Results written: {len(prices) + len(block_rows)} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
