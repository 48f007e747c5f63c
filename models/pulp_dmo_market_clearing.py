"""PuLP DMO model: day-ahead market clearing as a MILP, with prices from the LP duals.

The market comes from the job's data source when it has one (CSV files, see "Input data"
below); without one it is generated in memory from a seed, standing in for a database:
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
Like every sample, it also takes dataDir and dataAlias (models/README.md); unknown keys are
ignored with a warning, a value of the wrong type or range raises ValueError.
To run longer (benchmarks) raise `blocks` (the near-equal alternatives in each group are what
make the branch and bound work), then `hours`. The solve time depends on how hard CBC finds the
block choice, not on a simple formula: with CBC the default takes a few hundredths of a second,
{"blocks": 100, "hours": 48} about 1 s, {"blocks": 200, "hours": 48} 2-4 s (seed 42: 3 s; a few
seeds take longer), {"blocks": 300, "hours": 72} over a minute (CPython, CBC 2.10, one core).

Input data, when the job has a data source (sandbox.find_data): the files of
sample_dmo_model.py (e.g. models/data/dmo, columns and checks in models/README.md), where
block_bids.csv may also have [side] (buy, the default, or sell: a block offer). Prices that tie
within an hour may leave the accepted quantities (not the prices) to the solver's choice.

Output (writeFiles): output/prices.csv (with the price-setting step as "marginal"),
output/schedule.csv and output/blocks.csv.

Result (sandbox.result): status (PuLP status of the MILP), solutionStatus, objective (MILP
welfare, EUR), lpStatus, lpObjective, prices (EUR/MWh per hour), volumes (MW per hour),
marginal (the price-setting step per hour), curtailedMWh, acceptedBlocks (ids, the block names
for data read from files), blocks, paradoxicalBlocks, degenerateHours, priceMismatchHours, size,
solveSeconds, solver (the name used), files, dataSource ({"id", "name", "version"} of the data
source read, or null); with uniquenessCheck also secondBestObjective and uniquenessMargin.

Standard output follows the DMO sample's line sequence (the solver's log may appear between
the lines when msg is true; "iterations" there counts the solves); locally, the result JSON is
the last line of standard output, after that sequence.
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
                    supply[h].append({"gen": g, "unit": g, "label": f"g{g}", "step": k, "solar": is_solar,
                                      "price": price, "qty": qty})
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
            blocks.append({"id": len(blocks), "name": len(blocks), "group": len(groups), "groupName": len(groups),
                           "side": "bid" if is_bid else "offer",
                           "start": start, "end": start + length, "qty": round(qty * rng.uniform(0.95, 1.05), 3),
                           "price": distinct_price(rng, base, base + 2, used)})
        groups.append(group)
    return {"supply": supply, "load": load, "demand": demand, "blocks": blocks, "groups": groups,
            "priceCap": p["priceCap"]}


def read_market_files(data, hours_wanted=None):
    """The day-ahead market in the data's CSV files, checked (see "Input data" above).

    Returns {"hours", "offers": [{unit, hour, step, price, qty}], "bids": [{hour, step, price, qty}],
    "load": [MW per hour], "blocks": [{name, group (a key: blocks with one key exclude each other),
    groupName (the exclusive_group, or ""), side ("bid" or "offer"), start, end (exclusive), qty, price}],
    "units": {unit: row of units.csv} or None}. `hours_wanted` keeps only the first hours."""
    number, whole = sandbox.number, sandbox.whole
    units = data.read_table("units.csv", {"unit": str, "pmax_mw": number},
                            {"technology": (str, ""), "pmin_mw": (number, 0.0)}, required=False, unique=("unit",))
    offers = data.read_table("offers.csv", {"unit": str, "hour": whole, "step": whole, "price_eur_mwh": number,
                                            "quantity_mw": number}, unique=("unit", "hour", "step"),
                             minimum={"hour": 0, "quantity_mw": 0})
    bids = data.read_table("bids.csv", {"hour": whole, "step": whole, "price_eur_mwh": number, "quantity_mw": number},
                           unique=("hour", "step"), minimum={"hour": 0, "quantity_mw": 0})
    load = data.read_table("load_forecast.csv", {"hour": whole, "load_mw": number}, required=False, index="hour",
                           minimum={"load_mw": 0})
    blocks = data.read_table("block_bids.csv", {"block": str, "first_hour": whole, "last_hour": whole,
                                                "quantity_mw": number, "limit_price_eur_mwh": number},
                             {"exclusive_group": (str, ""), "side": (str, "buy")}, required=False, unique=("block",))
    if not offers:
        raise ValueError("offers.csv has no rows: it needs the supply offers (unit, hour, step, price_eur_mwh, quantity_mw)")
    hours = 1 + max(r["hour"] for r in offers + bids + (load or []))
    offered_hours = {r["hour"] for r in offers}
    empty = [h for h in range(hours) if h not in offered_hours]
    if empty:
        raise ValueError(f"offers.csv has no offer in hour {empty[0]} (of hours 0-{hours - 1}): hours count from 0 "
                         f"(hour 0 = 00:00-01:00) and every hour needs offers")
    if hours_wanted is not None:
        if hours_wanted > hours:
            raise ValueError(f"config 'hours' is {hours_wanted}, but the data has {hours} hours")
        hours = hours_wanted
    known = None if units is None else {row["unit"]: row for row in units}
    per_unit_hour = {}
    for row in offers:
        if known is not None and row["unit"] not in known:
            raise ValueError(f"offers.csv line {row['_line']}: unit {row['unit']!r} is not in units.csv")
        per_unit_hour[row["unit"], row["hour"]] = per_unit_hour.get((row["unit"], row["hour"]), 0.0) + row["quantity_mw"]
    for (unit, hour), total in sorted(per_unit_hour.items()) if known is not None else ():
        if total > known[unit]["pmax_mw"] + 1e-6:
            raise ValueError(f"offers.csv: unit {unit!r} offers {total:g} MW in hour {hour}, more than its pmax_mw "
                             f"{known[unit]['pmax_mw']:g} in units.csv")
    if load is not None and len(load) < hours:
        raise ValueError(f"load_forecast.csv has no load_mw for hour {len(load)}: it needs one row per hour 0-{hours - 1}")
    market_blocks = []
    sides = {"buy": "bid", "bid": "bid", "demand": "bid", "sell": "offer", "offer": "offer", "supply": "offer"}
    for row in blocks or []:
        line = f"block_bids.csv line {row['_line']}"
        if not 0 <= row["first_hour"] <= row["last_hour"]:
            raise ValueError(f"{line}: first_hour {row['first_hour']} and last_hour {row['last_hour']} must satisfy "
                             "0 <= first_hour <= last_hour (both hours included)")
        if row["quantity_mw"] <= 0:
            raise ValueError(f"{line}: quantity_mw must be positive, got {row['quantity_mw']}")
        if row["side"].lower() not in sides:
            raise ValueError(f"{line}: side must be buy or sell, got {row['side']!r}")
        if row["last_hour"] >= hours:
            if hours_wanted is None:
                raise ValueError(f"{line}: last_hour {row['last_hour']} is after the last hour of the offers ({hours - 1})")
            log.warning("Block %s ends after hour %d: left out", row["block"], hours - 1)
            continue
        group = ("group", row["exclusive_group"]) if row["exclusive_group"] else ("block", row["block"])
        market_blocks.append({"name": row["block"], "group": group, "groupName": row["exclusive_group"],
                              "side": sides[row["side"].lower()], "start": row["first_hour"],
                              "end": row["last_hour"] + 1, "qty": row["quantity_mw"], "price": row["limit_price_eur_mwh"]})
    return {"hours": hours, "units": known, "blocks": market_blocks,
            "load": [row["load_mw"] for row in load[:hours]] if load is not None else [0.0] * hours,
            "offers": [{"unit": r["unit"], "hour": r["hour"], "step": r["step"], "price": r["price_eur_mwh"],
                        "qty": r["quantity_mw"]} for r in offers if r["hour"] < hours and r["quantity_mw"] > 0],
            "bids": [{"hour": r["hour"], "step": r["step"], "price": r["price_eur_mwh"], "qty": r["quantity_mw"]}
                     for r in bids if r["hour"] < hours and r["quantity_mw"] > 0]}


def load_market(data, p, hours_wanted):
    """The market of the data's CSV files, in the form generate_market returns."""
    data = read_market_files(data, hours_wanted)
    hours = data["hours"]
    index = {unit: g for g, unit in enumerate(sorted({o["unit"] for o in data["offers"]}))}
    supply = [[] for _ in range(hours)]
    for o in sorted(data["offers"], key=lambda o: (o["hour"], index[o["unit"]], o["step"])):
        supply[o["hour"]].append({"gen": index[o["unit"]], "unit": o["unit"], "label": o["unit"], "step": o["step"],
                                  "solar": False, "price": o["price"], "qty": o["qty"]})
    demand = [[] for _ in range(hours)]
    for b in sorted(data["bids"], key=lambda b: (b["hour"], b["step"])):
        demand[b["hour"]].append({"step": b["step"], "price": b["price"], "qty": b["qty"]})
    blocks, groups, group_of = [], [], {}
    for b in data["blocks"]:
        if b["group"] not in group_of:
            group_of[b["group"]] = len(groups)
            groups.append([])
        groups[group_of[b["group"]]].append(len(blocks))
        blocks.append({"id": len(blocks), "name": b["name"], "group": group_of[b["group"]], "groupName": b["groupName"],
                       "side": b["side"], "start": b["start"], "end": b["end"], "qty": b["qty"], "price": b["price"]})
    return {"supply": supply, "load": data["load"], "demand": demand, "blocks": blocks, "groups": groups,
            "priceCap": p["priceCap"], "units": sorted(index)}


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
    found = [(f"offer {s['label']} step {s['step']}", s["price"])
             for s, x in zip(market["supply"][h], model["offer"][h]) if inside(x.varValue, s["qty"])]
    found += [(f"bid step {d['step']}", d["price"])
              for d, x in zip(market["demand"][h], model["bid"][h]) if inside(x.varValue, d["qty"])]
    if inside(model["curtail"][h].varValue, market["load"][h]):
        found.append(("curtailment", market["priceCap"]))
    return found


def write_files(market, model, prices, volumes, marginal, block_rows):
    """CSV files under output/ (relative to the working directory), from the pricing LP."""
    hours = range(len(prices))
    schedule = []
    for h in hours:
        schedule += [[h, "offer", s["unit"], s["step"], s["price"], s["qty"], x.varValue]
                     for s, x in zip(market["supply"][h], model["offer"][h])]
        schedule += [[h, "bid", "", d["step"], d["price"], d["qty"], x.varValue]
                     for d, x in zip(market["demand"][h], model["bid"][h])]
    return [sandbox.write_csv("output/prices.csv", ["hour", "price_eur_mwh", "volume_mw", "inelastic_load_mw", "curtailed_mw",
                                                    "marginal"],
                              ([h, prices[h], volumes[h], market["load"][h], model["curtail"][h].varValue, marginal[h]]
                               for h in hours)),
            sandbox.write_csv("output/schedule.csv", ["hour", "side", "unit", "step", "price_eur_mwh", "offered_mw",
                                                      "accepted_mw"], schedule),
            sandbox.write_csv("output/blocks.csv", ["block", "exclusive_group", "side", "first_hour", "last_hour", "quantity_mw",
                                                    "limit_price_eur_mwh", "accepted", "average_price_eur_mwh"],
                              ([row["id"], b["groupName"], "buy" if row["side"] == "bid" else "sell", row["start"],
                                row["end"] - 1, row["qty"], row["price"], int(row["accepted"]), row["averagePrice"]]
                               for b, row in zip(market["blocks"], block_rows)))]


def block_volume(market, fixed, h, side):
    """MW of accepted blocks of one side in hour h."""
    return sum(b["qty"] * fixed[b["id"]] for b in market["blocks"] if b["side"] == side and b["start"] <= h < b["end"])


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
    if data is None:
        sandbox.progress(0.0, "generating market data")
        market = generate_market(p)
    else:
        sandbox.progress(0.0, "reading market data")
        log.info("Market data: %s", data)
        ignored = sorted(k for k in ("seed", "generators", "offerSteps", "demandSteps", "blocks", "groupSize")
                         if k in sandbox.config)
        if ignored:
            log.info("Config %s only shape generated data: ignored", ", ".join(ignored))
        market = load_market(data, p, p["hours"] if "hours" in sandbox.config else None)
        p.update(hours=len(market["demand"]), blocks=len(market["blocks"]), generators=len(market["units"]))
        log.info("%d hours, %d units, %d offer steps, %d bid steps, %d blocks in %d groups, price cap %.2f EUR/MWh",
                 p["hours"], p["generators"], sum(map(len, market["supply"])), sum(map(len, market["demand"])),
                 p["blocks"], len(market["groups"]), p["priceCap"])
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
        block_rows.append({"id": b["name"], "group": b["groupName"], "side": b["side"], "start": b["start"],
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
              "marginal": marginal, "curtailedMWh": curtailed,
              "acceptedBlocks": [market["blocks"][b]["name"] for b in accepted], "blocks": block_rows,
              "paradoxicalBlocks": paradoxical, "degenerateHours": degenerate, "priceMismatchHours": mismatched,
              "size": size, "solveSeconds": seconds,
              "solver": p["solver"] or getattr(pulp.LpSolverDefault, "name", None), "files": files,
              "dataSource": data.reference() if data else None}
    result.update(uniqueness)
    sandbox.progress(1.0, "done")
    print(f"Results written: {len(prices) + len(block_rows)} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
