"""PuLP DMO model: day-ahead market clearing as a MILP, with prices from the LP duals.

The market (generated in memory from a seed, standing in for a database):
  * supply offers: `generators` units, each offering `offerSteps` price/quantity steps in every
    hour; about a quarter are solar units whose quantities follow a daylight profile, the rest
    are thermal units whose availability varies a little from hour to hour;
  * hourly demand: an inelastic load (65 % of the hour's demand), which is curtailed only when
    supply runs out, at a cost of `priceCap` per MWh, plus `demandSteps` price-sensitive bid
    steps at falling prices;
  * `blocks` fill-or-kill block orders: about two thirds are demand block bids, the rest supply
    block offers. A block spans 2-8 consecutive hours with one limit price (EUR/MWh) and one
    quantity (MW in each of its hours) and is accepted entirely or not at all. Blocks come in
    exclusive groups of `groupSize`: alternatives of one order (the same profile at different
    start hours, with slightly different prices and quantities) of which at most one is accepted.

Every price is distinct (no two steps or blocks share a price to the cent) and every quantity
is a random number of MW with three decimals (exact in the solver's input and its eight-digit
solution file alike). So ties are unlikely: the optimal block choice is unique (uniquenessCheck
measures by how much) and each hour's clearing point falls strictly inside one step (see
"Prices" below), which makes the prices unique too.

The MILP (PuLP, solved by CBC unless `solver` names another PuLP solver):
  variables   offer[h,i] in [0, qty]   accepted MW of supply step i in hour h
              bid[h,j]   in [0, qty]   accepted MW of demand step j in hour h
              curtail[h] in [0, load]  inelastic load not served in hour h
              block[b]   binary        1 if block b is accepted
  maximize    welfare = sum price*bid - sum price*offer - priceCap * sum curtail
                        + sum over block bids of limit*qty*hours*block - same for block offers
  subject to  balance[h]: sum bid[h,*] + block bids in h + load[h] - curtail[h]
                          = sum offer[h,*] + block offers in h
              exclusive[g]: sum of block[b] over the blocks b of group g <= 1
The welfare leaves out the value of the inelastic load (a constant while it is served), so the
objective is the welfare of the price-sensitive orders net of the cost of serving that load,
usually negative for the generated data. Keeping the constant out keeps the numbers the solver
works with small, so that alternative block choices stay far apart compared with its
tolerances. The model is always feasible (curtailment, every block rejected); when supply runs
out the price is the price cap.

Prices: the MILP has no meaningful duals, so the block binaries are fixed at their MILP values
and the problem is built again as an LP (the block variables continuous with lowBound = upBound),
which has the same optimum. The dual (`constraint.pi`) of balance[h] is the clearing price of
hour h. PuLP reports pi = d(objective)/d(right-hand side) for a maximization too, and it stores
balance[h] as "bids - curtail - offers (blocks included) = -load[h]": raising that right-hand
side by one MW is one MW less load, worth the price, so pi = +price (written the other way
round, supply minus demand, pi would be -price). An LP's duals are unique when, in every hour,
some step is strictly between its bounds: complementary slackness then forces the price to equal
that step's price in every optimal dual solution. The model checks this ("degenerateHours"
counts the hours without such a marginal step, "priceMismatchHours" the hours whose dual differs
from the marginal step's price).

Config keys (sandbox.config), defaults in brackets:
  seed [42]             random seed of the generated market
  hours [24]            hourly periods
  generators [12]       supply units
  offerSteps [3]        price/quantity steps per unit and hour
  demandSteps [4]       price-sensitive demand steps per hour
  blocks [12]           block orders (one binary each)
  groupSize [3]         blocks per exclusive group (1: every block independent)
  priceCap [3000.0]     cost of curtailing the inelastic load (EUR/MWh): the price when supply
                        runs out
  solver [null]         null: prob.solve() with PuLP's default solver (CBC); otherwise a PuLP
                        solver name for pulp.getSolver, e.g. "COIN_CMD" (CBC on the PATH) or
                        "PULP_CBC_CMD" (the CBC bundled with PuLP). With msg false, a timeLimit
                        or a gapRel and no solver, the default solver's class is made afresh with
                        those options: pulp.getSolver(pulp.LpSolverDefault.name, ...)
  msg [true]            let the solver print its log
  timeLimit [null]      seconds per solve; null means no limit. A MILP stopped by the limit is
                        not proven optimal: then "solutionStatus" is not "Optimal Solution Found"
  gapRel [null]         relative MIP gap at which the solver may stop; null leaves the solver's
                        default (0 for CBC: the optimum is proven)
  writeFiles [true]     write output/prices.csv, output/schedule.csv and output/blocks.csv
  uniquenessCheck [false]  solve the MILP once more with a cut excluding its optimal block set
                        and report the second-best welfare ("uniquenessMargin" > 0 shows the
                        optimal block set, hence the prices, is unique)
Unknown keys are ignored with a warning; a value of the wrong type or range raises ValueError.
To run longer (benchmarks) raise `blocks` (the near-equal alternatives in each group are what
make the branch and bound work), then `hours`. The solve time depends on how hard CBC finds the
block choice, not on a simple formula: with CBC the default takes a few hundredths of a second,
{"blocks": 100, "hours": 48} about 1 s, {"blocks": 200, "hours": 48} 2-4 s (seed 42: 3 s; a few
seeds take longer), {"blocks": 300, "hours": 72} over a minute (CPython, CBC 2.10, one core).

Result (sandbox.result): status (PuLP status of the MILP), solutionStatus, objective (MILP
welfare, EUR), lpStatus, lpObjective, prices (EUR/MWh per hour), volumes (MW per hour),
marginal (the price-setting step per hour), curtailedMWh, acceptedBlocks (ids), blocks,
paradoxicalBlocks, degenerateHours, priceMismatchHours, size, solveSeconds, solver (the name
used), files; with uniquenessCheck also secondBestObjective and uniquenessMargin.

Standard output follows the DMO sample's line sequence (the solver's log may appear between
the lines when msg is true; "iterations" there counts the solves); locally, the result JSON is
the last line of standard output, after that sequence.
"""
import csv
import json
import logging
import math
import os
import random
import sys
import time
from datetime import datetime, timezone

import pulp

try:
    import sandbox
except ImportError:  # plain CPython: a stand-in so the model runs locally (an optional argv[1] is the config JSON)
    import types, uuid
    sandbox = types.SimpleNamespace(job_id="LOCAL_" + uuid.uuid4().hex[:6], model_type="DMO", data_source_id=None,
        config=json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}, log=lambda level, msg: logging.log(logging.getLevelName(level), msg),
        progress=lambda f, m=None: None, metric=lambda n, v, step=None: None, result=lambda obj: print(json.dumps(obj)))

log = logging.getLogger("dmo.pulp")
DEFAULTS = {"seed": 42, "hours": 24, "generators": 12, "offerSteps": 3, "demandSteps": 4, "blocks": 12,
            "groupSize": 3, "priceCap": 3000.0, "solver": None, "msg": True, "timeLimit": None, "gapRel": None,
            "writeFiles": True, "uniquenessCheck": False}
MINIMUM = {"hours": 1, "generators": 1, "offerSteps": 1, "demandSteps": 1, "blocks": 0, "groupSize": 1,
           "priceCap": 200.0, "gapRel": 0.0}
NULLABLE = {"solver": str, "timeLimit": float, "gapRel": float}  # keys whose default is null, and their type
TOLERANCE = 1e-6  # relative: a step is marginal when it is this far inside its bounds


def read_config(raw):
    """Defaults overlaid with sandbox.config; wrong types or ranges fail loudly."""
    params = dict(DEFAULTS)
    for key, value in raw.items():
        if key not in DEFAULTS:
            log.warning("Ignoring unknown config key %r", key)
            continue
        if key in NULLABLE:
            if value is None:
                params[key] = None
                continue
            if NULLABLE[key] is str:
                if not isinstance(value, str) or not value:
                    raise ValueError(f"config {key!r} must be a solver name or null, got {value!r}")
                params[key] = value
                continue
            default = 0.0
        else:
            default = DEFAULTS[key]
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "true or false" if isinstance(default, bool) else "a number"
            raise ValueError(f"config {key!r} must be {kind}, got {value!r}")
        if isinstance(default, int) and not isinstance(default, bool) and value != int(value):
            raise ValueError(f"config {key!r} must be a whole number, got {value!r}")
        params[key] = type(default)(value)
        if key in MINIMUM and params[key] < MINIMUM[key]:
            raise ValueError(f"config {key!r} must be at least {MINIMUM[key]}, got {value!r}")
    if params["timeLimit"] is not None and params["timeLimit"] <= 0:
        raise ValueError(f"config 'timeLimit' must be positive or null, got {params['timeLimit']!r}")
    if params["gapRel"] is not None and params["gapRel"] >= 1:
        raise ValueError(f"config 'gapRel' must be below 1, got {params['gapRel']!r}")
    return params


def distinct_price(rng, low, high, used):
    """A price in [low, high) to the cent that no other step or block has: ties between steps
    would leave the accepted quantities (though not the prices) open to the solver's choice."""
    price = round(rng.uniform(low, high), 2)
    while price in used:
        price = round(price + 0.01, 2)
    used.add(price)
    return price


def generate_market(p):
    """Seeded offers, bids and blocks. Quantities in MW with three decimals, prices in cents: the
    numbers are exact in the solver's input files and its eight-digit solution files alike."""
    rng = random.Random(p["seed"])
    hours, used = p["hours"], {p["priceCap"]}
    solar = [max(0.0, math.sin(math.pi * ((h % 24) - 6) / 12)) for h in range(hours)]
    shape = [0.65 + 0.35 * math.sin(math.pi * ((h % 24) - 7) / 14) ** 2 for h in range(hours)]
    supply = [[] for _ in range(hours)]  # per hour: dicts with gen, step, price, qty
    nameplate = 0.0
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
                    supply[h].append({"gen": g, "step": k, "solar": is_solar, "price": price, "qty": qty})
    peak = 0.8 * nameplate
    load, demand = [], []  # per hour: the inelastic MW, and dicts with step, price, qty
    for h in range(hours):
        total = peak * shape[h] * rng.uniform(0.97, 1.03)
        load.append(round(0.65 * total, 3))
        steps = []
        for k in range(p["demandSteps"]):
            top = 150 * 0.7 ** k
            steps.append({"step": k, "price": distinct_price(rng, top, top + 6, used),
                          "qty": round(0.35 * total / p["demandSteps"] * rng.uniform(0.7, 1.3), 3)})
        demand.append(steps)
    blocks, groups = [], []
    while len(blocks) < p["blocks"]:
        # one order with up to groupSize alternatives: same side, length and roughly the same
        # price and quantity, different start hours; near the clearing prices, so the choice matters
        length = rng.randint(min(2, hours), min(8, hours))
        is_bid = rng.random() < 2 / 3
        base = rng.uniform(70, 90) if is_bid else rng.uniform(65, 85)
        qty = rng.uniform(0.05, 0.15) * peak
        group = []
        for _ in range(min(p["groupSize"], p["blocks"] - len(blocks))):
            start = rng.randint(0, hours - length)
            group.append(len(blocks))
            blocks.append({"id": len(blocks), "group": len(groups), "side": "bid" if is_bid else "offer",
                           "start": start, "end": start + length, "qty": round(qty * rng.uniform(0.95, 1.05), 3),
                           "price": distinct_price(rng, base, base + 2, used)})
        groups.append(group)
    return {"supply": supply, "load": load, "demand": demand, "blocks": blocks, "groups": groups,
            "priceCap": p["priceCap"]}


def build_problem(market, fixed_blocks=None):
    """The clearing problem. With `fixed_blocks` ({id: 0 or 1}) the block variables are continuous
    with both bounds at that value: the pricing LP. Returns a dict of the problem, its variables
    (offer, bid, curtail, block) and the balance constraints."""
    supply, demand, blocks, load = market["supply"], market["demand"], market["blocks"], market["load"]
    hours = len(demand)
    prob = pulp.LpProblem("day_ahead_clearing" if fixed_blocks is None else "day_ahead_pricing", pulp.LpMaximize)
    offer = [[pulp.LpVariable(f"offer_{h:03d}_g{s['gen']:03d}_{s['step']}", 0, s["qty"]) for s in supply[h]]
             for h in range(hours)]
    bid = [[pulp.LpVariable(f"bid_{h:03d}_{d['step']}", 0, d["qty"]) for d in demand[h]] for h in range(hours)]
    curtail = [pulp.LpVariable(f"curtail_{h:03d}", 0, load[h]) for h in range(hours)]
    block = {}
    for b in blocks:
        if fixed_blocks is None:
            block[b["id"]] = pulp.LpVariable(f"block_{b['id']:04d}", cat="Binary")
        else:
            value = fixed_blocks[b["id"]]
            block[b["id"]] = pulp.LpVariable(f"block_{b['id']:04d}", value, value, cat="Continuous")
    welfare = []
    for h in range(hours):
        welfare += [d["price"] * x for d, x in zip(demand[h], bid[h])]
        welfare += [-s["price"] * x for s, x in zip(supply[h], offer[h])]
        welfare.append(-market["priceCap"] * curtail[h])
    for b in blocks:
        sign = 1 if b["side"] == "bid" else -1
        welfare.append(sign * b["price"] * b["qty"] * (b["end"] - b["start"]) * block[b["id"]])
    prob += pulp.lpSum(welfare), "welfare"
    balance = []
    for h in range(hours):
        block_bids = [b["qty"] * block[b["id"]] for b in blocks if b["side"] == "bid" and b["start"] <= h < b["end"]]
        block_offers = [b["qty"] * block[b["id"]] for b in blocks if b["side"] == "offer" and b["start"] <= h < b["end"]]
        name = f"balance_{h:03d}"
        # PuLP keeps this as (demand - supply) == 0 with the load on the right-hand side as -load[h]:
        # one MW less load (a higher right-hand side) is worth the price, so pi = +price
        prob += (pulp.lpSum(bid[h]) + pulp.lpSum(block_bids) + load[h] - curtail[h]
                 == pulp.lpSum(offer[h]) + pulp.lpSum(block_offers)), name
        balance.append(prob.constraints[name])
    for g, group in enumerate(market["groups"]):
        if len(group) > 1:
            prob += pulp.lpSum(block[b] for b in group) <= 1, f"exclusive_{g:04d}"
    return {"prob": prob, "offer": offer, "bid": bid, "curtail": curtail, "block": block, "balance": balance}


def make_solver(p):
    """None means plain prob.solve() (PuLP's default solver as configured); otherwise a solver
    object carrying msg, timeLimit and gapRel."""
    options = {"msg": p["msg"]}
    if p["timeLimit"] is not None:
        options["timeLimit"] = p["timeLimit"]
    if p["gapRel"] is not None:
        options["gapRel"] = p["gapRel"]
    if p["solver"] is not None:
        return pulp.getSolver(p["solver"], **options)
    if options == {"msg": True}:
        return None
    # the default solver's class, made with the options (PuLP's own default if it found none)
    return pulp.getSolver(getattr(pulp.LpSolverDefault, "name", None) or "PULP_CBC_CMD", **options)


def solve(prob, solver, what):
    """Solve and return the wall time; the solver writes to the same stdout, so flush ours first."""
    sys.stdout.flush()
    started = time.perf_counter()
    if solver is None:
        prob.solve()
    else:
        prob.solve(solver)
    seconds = time.perf_counter() - started
    log.info("%s: %s (%s) in %.3f s, objective %s", what, pulp.LpStatus[prob.status],
             pulp.LpSolution.get(prob.sol_status, prob.sol_status), seconds, pulp.value(prob.objective))
    return seconds


def inside(value, upper):
    """Strictly between 0 and upper, by a relative margin (solution files carry eight digits)."""
    return TOLERANCE * max(1.0, upper) < value < upper * (1 - TOLERANCE)


def marginal_steps(market, model, h):
    """The elements of hour h strictly between their bounds: (label, price) pairs."""
    found = [(f"offer g{s['gen']} step {s['step']}", s["price"])
             for s, x in zip(market["supply"][h], model["offer"][h]) if inside(x.varValue, s["qty"])]
    found += [(f"bid step {d['step']}", d["price"])
              for d, x in zip(market["demand"][h], model["bid"][h]) if inside(x.varValue, d["qty"])]
    if inside(model["curtail"][h].varValue, market["load"][h]):
        found.append(("curtailment", market["priceCap"]))
    return found


def write_files(market, model, prices, volumes, marginal, block_rows):
    """CSV files under output/ (relative to the working directory), from the pricing LP."""
    os.makedirs("output", exist_ok=True)
    with open(os.path.join("output", "prices.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["hour", "price_eur_mwh", "volume_mw", "inelastic_load_mw", "curtailed_mw", "marginal"])
        for h, price in enumerate(prices):
            out.writerow([h, price, volumes[h], market["load"][h], model["curtail"][h].varValue, marginal[h]])
    with open(os.path.join("output", "schedule.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["hour", "side", "generator", "step", "price_eur_mwh", "offered_mw", "accepted_mw"])
        for h in range(len(prices)):
            for s, x in zip(market["supply"][h], model["offer"][h]):
                out.writerow([h, "offer", s["gen"], s["step"], s["price"], s["qty"], x.varValue])
            for d, x in zip(market["demand"][h], model["bid"][h]):
                out.writerow([h, "bid", "", d["step"], d["price"], d["qty"], x.varValue])
    with open(os.path.join("output", "blocks.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "group", "side", "start", "end", "qty_mw", "price_eur_mwh", "accepted", "average_price"])
        for row in block_rows:
            out.writerow([row["id"], row["group"], row["side"], row["start"], row["end"], row["qty"], row["price"],
                          int(row["accepted"]), row["averagePrice"]])
    return ["output/prices.csv", "output/schedule.csv", "output/blocks.csv"]


def block_volume(market, fixed, h, side):
    """MW of accepted blocks of one side in hour h."""
    return sum(b["qty"] * fixed[b["id"]] for b in market["blocks"] if b["side"] == side and b["start"] <= h < b["end"])


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raw = dict(sandbox.config or {})
    print(f"[{datetime.now(timezone.utc).isoformat()}] Starting DMO optimization")
    print(f"Job ID: {sandbox.job_id}")
    print(f"Configuration: {json.dumps(raw, sort_keys=True)}")
    p = read_config(raw)
    log.info("Effective parameters: %s", json.dumps(p, sort_keys=True))

    print("Loading market data from database...")
    sandbox.progress(0.0, "generating market data")
    market = generate_market(p)
    records = sum(map(len, market["supply"])) + sum(map(len, market["demand"])) + len(market["blocks"])
    print(f"Data loaded successfully: {records} records")
    sandbox.progress(0.1, "market data ready")

    print("Running optimization algorithm...")
    solver = make_solver(p)
    milp = build_problem(market)
    prob, block = milp["prob"], milp["block"]
    size = {"hours": p["hours"], "supplySteps": sum(map(len, market["supply"])),
            "demandSteps": sum(map(len, market["demand"])), "blocks": len(market["blocks"]),
            "groups": len(market["groups"]), "variables": len(prob.variables()), "binaries": len(block),
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
    solves = 1

    uniqueness = {}
    if p["uniquenessCheck"] and block:
        sandbox.progress(0.4, "uniqueness check: second-best block set")
        check = build_problem(market)
        check["prob"] += pulp.lpSum((1 - v) if fixed[b] else v for b, v in check["block"].items()) >= 1, "exclude_optimum"
        seconds["uniquenessCheck"] = solve(check["prob"], solver, "MILP without the optimal block set")
        solves += 1
        second = pulp.value(check["prob"].objective) if pulp.LpStatus[check["prob"].status] == "Optimal" else None
        uniqueness = {"secondBestObjective": second, "uniquenessMargin": None if second is None else welfare - second}
        log.info("Uniqueness check: second-best welfare %s, margin %s", second, uniqueness["uniquenessMargin"])

    sandbox.progress(0.6, "solving the pricing LP")
    lp = build_problem(market, fixed)
    seconds["lp"] = solve(lp["prob"], solver, "Pricing LP")
    solves += 1
    lp_status = pulp.LpStatus[lp["prob"].status]
    if lp_status != "Optimal":
        sandbox.result({"status": status, "objective": welfare, "lpStatus": lp_status, "size": size})
        raise RuntimeError(f"the pricing LP ended {lp_status}")
    lp_welfare = pulp.value(lp["prob"].objective)
    sandbox.metric("objective", lp_welfare, step=2)
    print(f"Optimization converged after {solves} iterations")
    print(f"Objective value: {welfare:.2f}")
    sandbox.progress(0.8, "checking prices")

    prices, volumes, marginal = [], [], []
    degenerate = mismatched = 0
    for h in range(p["hours"]):
        price = lp["balance"][h].pi
        prices.append(price)
        volumes.append(market["load"][h] - lp["curtail"][h].varValue + sum(x.varValue for x in lp["bid"][h])
                       + block_volume(market, fixed, h, "bid"))
        steps = marginal_steps(market, lp, h)
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
        if is_accepted and surplus < -TOLERANCE * max(1.0, average):
            paradoxical["accepted"] += 1  # welfare-optimal, yet out of the money at these prices
        if not is_accepted and surplus > TOLERANCE * max(1.0, average):
            paradoxical["rejected"] += 1  # in the money but left out (or its group's other block won)
        block_rows.append({"id": b["id"], "group": b["group"], "side": b["side"], "start": b["start"],
                           "end": b["end"], "qty": b["qty"], "price": b["price"], "accepted": is_accepted,
                           "averagePrice": average})
    curtailed = sum(x.varValue for x in lp["curtail"])
    log.info("Welfare %.2f EUR (LP %.2f); accepted %d of %d blocks; average price %.2f EUR/MWh; "
             "%d degenerate hours", welfare, lp_welfare, len(accepted), len(block_rows), sum(prices) / len(prices), degenerate)

    print("Writing results to database...")
    sandbox.progress(0.9, "writing results")
    files = write_files(market, lp, prices, volumes, marginal, block_rows) if p["writeFiles"] else []
    result = {"status": status, "solutionStatus": solution_status, "objective": welfare,
              "lpStatus": lp_status, "lpObjective": lp_welfare, "prices": prices, "volumes": volumes,
              "marginal": marginal, "curtailedMWh": curtailed, "acceptedBlocks": accepted, "blocks": block_rows,
              "paradoxicalBlocks": paradoxical, "degenerateHours": degenerate, "priceMismatchHours": mismatched,
              "size": size, "solveSeconds": seconds,
              "solver": p["solver"] or getattr(pulp.LpSolverDefault, "name", None), "files": files}
    result.update(uniqueness)
    sandbox.progress(1.0, "done")
    print(f"Results written: {len(prices) + len(block_rows)} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
