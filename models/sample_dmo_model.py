"""Sample DMO model: day-ahead market clearing with hourly bids and block bids.

The market comes from the job's data source when it has one (CSV files, see "Input data"
below); without one it is generated in memory from a seed, standing in for a database:
  * supply offers: `generators` units, each offering `steps` price/quantity steps; about a
    quarter are solar units with an hourly availability profile and near-zero prices;
  * hourly demand: an inelastic part bid at `priceCap` plus `demandSteps` price-sensitive
    steps at falling prices;
  * `blocks` fill-or-kill demand block bids: one quantity and limit price over several
    consecutive hours, accepted completely or not at all.

The model maximizes social welfare (value of accepted demand minus cost of accepted supply).
Once the accepted blocks are fixed, every hour clears exactly by merit order: walk the
ascending supply curve against the descending demand curve. Which blocks to accept is solved
exactly by depth-first branch and bound (one node = one iteration). Hourly welfare is concave
in the extra block demand, so `value - quantity * (marginal cost of one more MWh)` bounds what
any undecided block can add; subtrees whose bound cannot beat the incumbent are pruned. The
result is optimal to a relative tolerance of 1e-9 unless `maxIterations` stops the search
early (then the result says "optimal": false and gives the gap).

Config keys (sandbox.config), defaults in brackets:
  seed [42]            random seed of the generated market
  hours [24]           hourly periods
  generators [12]      supply units
  steps [3]            price/quantity steps per unit
  demandSteps [4]      price-sensitive demand steps per hour
  blocks [12]          demand block bids (the search tree has up to 2^(blocks+1) nodes)
  priceCap [3000.0]    price of inelastic demand, and the price when supply runs out
  maxIterations [100000]  node limit of the branch and bound
  metricEvery [1]      report the objective metric every this many nodes
  selfCheck [false]    also solve by brute force: every subset of blocks, every hour by
                       scanning all breakpoints of the curves (skipped unless
                       2^blocks * hours <= 8192)
To run longer (benchmarks) raise `blocks` (up to doubling the work per extra block; in CPython
30 blocks take ~0.5 s, 40 ~3 s), `hours`, `generators` or `steps`. Self-check example:
  {"selfCheck": true, "hours": 4, "generators": 3, "blocks": 5, "seed": 7}
Like every sample, it also takes writeFiles [true], dataDir and dataAlias (models/README.md).

Input data, when the job has a data source (sandbox.find_data; e.g. models/data/dmo, columns and
checks in models/README.md): offers.csv (unit, hour, step, price_eur_mwh, quantity_mw), bids.csv
(hour, step, price_eur_mwh, quantity_mw) and, optional, load_forecast.csv (hour, load_mw: demand
bid at priceCap), block_bids.csv (block, first_hour, last_hour, quantity_mw, limit_price_eur_mwh,
[exclusive_group]: at most one block of a group is accepted) and units.csv (unit, pmax_mw: each
offer's unit must be listed and offer at most pmax_mw an hour). The number of hours is the data's
(config `hours` keeps the first ones).

Output (writeFiles): output/prices.csv, output/schedule.csv and output/blocks.csv; "files" and
"dataSource" in the result. Locally the result JSON is the last line of standard output.
"""
import json
import logging
import math
import random
import sys
from datetime import datetime, timezone

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("dmo")
INF = float("inf")
CONFIG_DEFAULTS = {"seed": 42, "hours": 24, "generators": 12, "steps": 3, "demandSteps": 4, "blocks": 12,
                   "priceCap": 3000.0, "maxIterations": 100000, "metricEvery": 1, "selfCheck": False}
MINIMUM = {"hours": 1, "generators": 1, "steps": 1, "demandSteps": 1, "blocks": 0, "priceCap": 1.0,
           "maxIterations": 1, "metricEvery": 1}
SELF_CHECK_LIMIT = 8192  # subsets times hours the brute force may evaluate


def sorted_curve(entries, descending=False):
    """(price, MW, label) entries sorted by price: the curve as (price, MW) pairs, and the labels."""
    entries.sort(reverse=descending)
    return [(e[0], e[1]) for e in entries], [e[2] for e in entries]


def generate_market(p):
    """Seeded offers and bids. Curves are sorted: supply by rising, demand by falling price.

    Besides the curves, the market holds each step's label ((unit, step) for supply, (kind, step)
    for demand, kind "inelastic" or "bid"), the inelastic MW per hour and each block's name and
    exclusive group (every generated block is a group of its own)."""
    rng = random.Random(p["seed"])
    hours = p["hours"]
    solar = [max(0.0, math.sin(math.pi * ((h % 24) - 6) / 12)) for h in range(hours)]
    shape = [0.65 + 0.35 * math.sin(math.pi * ((h % 24) - 7) / 14) ** 2 for h in range(hours)]
    supply = [[] for _ in range(hours)]
    nameplate = 0.0
    for g in range(p["generators"]):
        is_solar = rng.random() < 0.25
        cap = rng.uniform(50, 150) if is_solar else rng.uniform(100, 400)
        base = rng.uniform(0, 5) if is_solar else rng.uniform(20, 90)
        prices = [round(base * (1 + 0.15 * k) + rng.uniform(0, 3), 2) for k in range(p["steps"])]
        nameplate += cap * (0.5 if is_solar else 1.0)
        for h in range(hours):
            available = cap * (solar[h] if is_solar else 1.0)
            if available > 1e-6:
                supply[h] += [(price, available / p["steps"], (g, k)) for k, price in enumerate(prices)]
    peak = 0.8 * nameplate
    demand, inelastic = [], []
    for h in range(hours):
        load = peak * shape[h] * rng.uniform(0.97, 1.03)
        steps = [(p["priceCap"], 0.7 * load, ("inelastic", 0))]  # inelastic part
        steps += [(round(150 * 0.65 ** k + rng.uniform(0, 5), 2), 0.3 * load / p["demandSteps"], ("bid", k))
                  for k in range(p["demandSteps"])]
        demand.append(steps)
        inelastic.append(0.7 * load)
    supply_curves = [sorted_curve(c) for c in supply]
    demand_curves = [sorted_curve(c, descending=True) for c in demand]
    supply, supply_labels = [c for c, _ in supply_curves], [labels for _, labels in supply_curves]
    demand, demand_labels = [c for c, _ in demand_curves], [labels for _, labels in demand_curves]
    blocks = []
    for b in range(p["blocks"]):
        length = rng.randint(min(2, hours), min(6, hours))
        start = rng.randint(0, hours - length)
        qty = round(rng.uniform(0.03, 0.15) * peak, 1)
        limit = round(rng.uniform(45, 100), 2)
        blocks.append({"id": b, "name": b, "group": b, "start": start, "end": start + length, "qty": qty,
                       "limit": limit, "value": limit * qty * length})
    return {"supply": supply, "demand": demand, "blocks": blocks, "supplyLabels": supply_labels,
            "demandLabels": demand_labels, "inelastic": inelastic}


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
    hours, cap = data["hours"], p["priceCap"]
    supply = [[] for _ in range(hours)]
    for o in data["offers"]:
        supply[o["hour"]].append((o["price"], o["qty"], (o["unit"], o["step"])))
    demand = [[(cap, data["load"][h], ("inelastic", 0))] if data["load"][h] > 0 else [] for h in range(hours)]
    for b in data["bids"]:
        demand[b["hour"]].append((b["price"], b["qty"], ("bid", b["step"])))
    blocks = []
    for b in data["blocks"]:
        if b["side"] != "bid":
            raise ValueError(f"block_bids.csv: block {b['name']!r} is a sell block; this model clears buy (demand) "
                             "blocks only (pulp_dmo_market_clearing.py clears both sides)")
        blocks.append({"id": len(blocks), "name": b["name"], "group": b["group"], "groupName": b["groupName"],
                       "start": b["start"], "end": b["end"], "qty": b["qty"], "limit": b["price"],
                       "value": b["price"] * b["qty"] * (b["end"] - b["start"])})
    supply_curves = [sorted_curve(c) for c in supply]
    demand_curves = [sorted_curve(c, descending=True) for c in demand]
    return {"supply": [c for c, _ in supply_curves], "demand": [c for c, _ in demand_curves], "blocks": blocks,
            "supplyLabels": [labels for _, labels in supply_curves],
            "demandLabels": [labels for _, labels in demand_curves], "inelastic": data["load"],
            "units": sorted({o["unit"] for o in data["offers"]})}


def accepted_steps(curve, amount):
    """MW taken from each step of a sorted curve to make up `amount` MW."""
    taken = []
    for _, qty in curve:
        take = min(qty, max(0.0, amount))
        taken.append(take)
        amount -= take
    return taken


def write_outputs(market, hourly, fixed, block_rows):
    """output/prices.csv, output/schedule.csv and output/blocks.csv (relative to the working directory)."""
    prices, schedule = [], []
    for h, (_, volume, price, _) in enumerate(hourly):
        supply, demand = market["supply"][h], market["demand"][h]
        served = accepted_steps(demand, volume - fixed[h])
        inelastic = sum(x for x, (kind, _) in zip(served, market["demandLabels"][h]) if kind == "inelastic")
        prices.append([h, round(price, 4), round(volume, 4), round(market["inelastic"][h], 4),
                       round(market["inelastic"][h] - inelastic, 4), round(fixed[h], 4)])
        for (offer_price, qty), (unit, step), x in zip(supply, market["supplyLabels"][h], accepted_steps(supply, volume)):
            schedule.append([h, "offer", unit, step, offer_price, round(qty, 4), round(x, 4)])
        for (bid_price, qty), (kind, step), x in zip(demand, market["demandLabels"][h], served):
            if kind == "bid":
                schedule.append([h, "bid", "", step, bid_price, round(qty, 4), round(x, 4)])
    return [sandbox.write_csv("output/prices.csv", ["hour", "price_eur_mwh", "volume_mw", "inelastic_load_mw", "curtailed_mw",
                                                    "block_demand_mw"], prices),
            sandbox.write_csv("output/schedule.csv", ["hour", "side", "unit", "step", "price_eur_mwh", "offered_mw",
                                                      "accepted_mw"], schedule),
            sandbox.write_csv("output/blocks.csv", ["block", "exclusive_group", "side", "first_hour", "last_hour", "quantity_mw",
                                                    "limit_price_eur_mwh", "accepted", "average_price_eur_mwh"],
                              ([b["name"], b.get("groupName", ""), "buy", b["start"], b["end"] - 1, b["qty"], b["limit"],
                                int(row["accepted"]), row["averagePrice"]] for b, row in zip(market["blocks"], block_rows)))]


def clear_hour(supply, demand, fixed, cap):
    """Merit-order clearing of one hour with `fixed` MWh of accepted block demand served first.

    Returns (welfare without the blocks' value, volume, price, cost of one more MWh of fixed
    demand) or None when the blocks alone exceed the supply. `cap` prices supply scarcity.
    """
    ns, nd = len(supply), len(demand)
    i, rs = 0, (supply[0][1] if ns else 0.0)
    cost, value, last_sup, last_dem = 0.0, 0.0, -INF, INF
    need = fixed
    while need > 1e-9:
        if i == ns:
            return None
        take = min(rs, need)
        cost += take * supply[i][0]
        need, rs, last_sup = need - take, rs - take, supply[i][0]
        if rs == 0:
            i += 1
            rs = supply[i][1] if i < ns else 0.0
    j, rd = 0, (demand[0][1] if nd else 0.0)
    volume = fixed
    while i < ns and j < nd and demand[j][0] > supply[i][0]:
        q = min(rs, rd)  # one of the two steps is used up exactly
        value += q * demand[j][0]
        cost += q * supply[i][0]
        volume += q
        last_sup, last_dem = supply[i][0], demand[j][0]
        rs, rd = rs - q, rd - q
        if rs == 0:
            i += 1
            rs = supply[i][1] if i < ns else 0.0
        if rd == 0:
            j += 1
            rd = demand[j][1] if j < nd else 0.0
    # One more MWh is served by the next offer or by displacing the last accepted bid.
    up = min(supply[i][0] if i < ns else INF, last_dem)
    down = max(last_sup, demand[j][0] if j < nd else -INF)
    if up == INF:
        price = max(cap, down)
    elif down == -INF:
        price = up
    else:
        price = (up + down) / 2  # any price in [down, up] clears the hour; the step price when marginal
    return value - cost, volume, price, up


def branch_and_bound(market, p, on_node):
    """Exact choice of accepted blocks, at most one per exclusive group.

    Returns (welfare, accepted ids, nodes, optimal, gap)."""
    supply, demand, blocks = market["supply"], market["demand"], market["blocks"]
    order = sorted(blocks, key=lambda b: -b["limit"])  # valuable blocks first: good incumbents early
    hours = len(demand)
    state = {"best": -INF, "accepted": [], "nodes": 0, "explored": 0.0, "open_bound": -INF}

    def gain_bound(block, results):
        marginal = sum(results[h][3] for h in range(block["start"], block["end"]))
        return max(0.0, block["value"] - block["qty"] * marginal)

    def visit(depth, accepted, block_value, fixed, results, parent_bound, taken):
        if state["nodes"] >= p["maxIterations"]:  # out of budget: remember what this subtree might hold
            state["open_bound"] = max(state["open_bound"], parent_bound)
            state["explored"] += 0.5 ** depth
            return
        state["nodes"] += 1
        welfare = block_value + sum(r[0] for r in results)
        if welfare > state["best"]:
            state["best"], state["accepted"] = welfare, accepted
        bound = welfare + sum(gain_bound(order[k], results) for k in range(depth, len(order))
                              if order[k]["group"] not in taken)
        on_node(state["nodes"], state["best"], state["explored"])
        if depth == len(order) or bound <= state["best"] + 1e-9 * max(1.0, abs(state["best"])):
            state["explored"] += 0.5 ** depth
            return
        block = order[depth]
        new_fixed, new_results = list(fixed), list(results)
        if block["group"] in taken:  # another block of its exclusive group is accepted
            state["explored"] += 0.5 ** (depth + 1)
        else:
            for h in range(block["start"], block["end"]):  # only the block's hours change
                new_fixed[h] += block["qty"]
                new_results[h] = clear_hour(supply[h], demand[h], new_fixed[h], p["priceCap"])
                if new_results[h] is None:
                    state["explored"] += 0.5 ** (depth + 1)
                    break
            else:
                visit(depth + 1, accepted + [block["id"]], block_value + block["value"], new_fixed, new_results, bound,
                      taken | {block["group"]})
        visit(depth + 1, accepted, block_value, fixed, results, bound, taken)

    root = [clear_hour(supply[h], demand[h], 0.0, p["priceCap"]) for h in range(hours)]
    visit(0, [], 0.0, [0.0] * hours, root, INF, frozenset())
    optimal = state["open_bound"] == -INF
    gap = 0.0 if optimal else state["open_bound"] - state["best"]
    return state["best"], sorted(state["accepted"]), state["nodes"], optimal, gap


def curve_area(curve, q):
    """Integral of a sorted step curve [(price, qty)] from 0 to q MWh."""
    total = 0.0
    for price, qty in curve:
        if q <= 0:
            break
        total += price * min(qty, q)
        q -= qty
    return total


def hour_welfare_by_breakpoints(supply, demand, fixed):
    """Self-check: welfare is piecewise linear in the volume, so its maximum is at a breakpoint."""
    total_supply = sum(q for _, q in supply)
    if fixed > total_supply + 1e-9:
        return None
    top = min(total_supply, fixed + sum(q for _, q in demand))
    candidates, edge = {fixed, top}, 0.0
    for _, q in supply:
        edge += q
        candidates.add(edge)
    edge = fixed
    for _, q in demand:
        edge += q
        candidates.add(edge)
    return max(curve_area(demand, v - fixed) - curve_area(supply, v)
               for v in candidates if fixed <= v <= top)


def brute_force_welfare(market):
    """Self-check: every subset of blocks, each hour solved by hour_welfare_by_breakpoints."""
    supply, demand, blocks = market["supply"], market["demand"], market["blocks"]
    best = -INF
    for mask in range(1 << len(blocks)):
        chosen = [b for b in blocks if mask >> b["id"] & 1]
        if len({b["group"] for b in chosen}) < len(chosen):
            continue  # two blocks of one exclusive group
        fixed = [0.0] * len(demand)
        for b in chosen:
            for h in range(b["start"], b["end"]):
                fixed[h] += b["qty"]
        total = sum(b["value"] for b in chosen)
        for h in range(len(demand)):
            w = hour_welfare_by_breakpoints(supply[h], demand[h], fixed[h])
            if w is None:
                break
            total += w
        else:
            best = max(best, total)
    return best


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"[{datetime.now(timezone.utc).isoformat()}] Starting DMO optimization")
    print(f"Job ID: {sandbox.job_id}")
    print(f"Configuration: {json.dumps(sandbox.config, sort_keys=True)}")
    p = sandbox.read_config(dict(CONFIG_DEFAULTS, writeFiles=True), MINIMUM)
    write_files = p.pop("writeFiles")
    log.info("Effective parameters: %s", json.dumps(p, sort_keys=True))
    data = sandbox.find_data()

    print("Loading market data from database...")
    if data is None:
        sandbox.progress(0.0, "generating market data")
        market = generate_market(p)
    else:
        sandbox.progress(0.0, "reading market data")
        log.info("Market data: %s", data)
        ignored = sorted(k for k in ("seed", "generators", "steps", "demandSteps", "blocks") if k in sandbox.config)
        if ignored:
            log.info("Config %s only shape generated data: ignored", ", ".join(ignored))
        market = load_market(data, p, p["hours"] if "hours" in sandbox.config else None)
        p.update(hours=len(market["demand"]), blocks=len(market["blocks"]), generators=len(market["units"]))
        log.info("%d hours, %d units, %d offer steps, %d bid steps, %d block bids, price cap %.2f EUR/MWh",
                 p["hours"], p["generators"], sum(map(len, market["supply"])), sum(map(len, market["demand"])),
                 p["blocks"], p["priceCap"])
    records = sum(len(c) for c in market["supply"]) + sum(len(c) for c in market["demand"]) + len(market["blocks"])
    print(f"Data loaded successfully: {records} records")
    sandbox.progress(0.1, "market data ready")

    print("Running optimization algorithm...")

    def on_node(node, best, explored):
        if node % p["metricEvery"] == 0:
            sandbox.metric("objective", best, step=node)
        if node % 50 == 0:
            sandbox.progress(0.1 + 0.8 * explored, f"branch and bound: {node} nodes")
            log.debug("node %d incumbent %.2f explored %.1f%%", node, best, 100 * explored)

    welfare, accepted, nodes, optimal, gap = branch_and_bound(market, p, on_node)
    if not optimal:
        log.warning("Stopped at maxIterations=%d; welfare gap at most %.2f", p["maxIterations"], gap)
    print(f"Optimization converged after {nodes} iterations")
    print(f"Objective value: {welfare:.2f}")
    sandbox.progress(0.9, "computing prices")

    fixed = [0.0] * p["hours"]
    for b in market["blocks"]:
        if b["id"] in accepted:
            for h in range(b["start"], b["end"]):
                fixed[h] += b["qty"]
    hourly = [clear_hour(market["supply"][h], market["demand"][h], fixed[h], p["priceCap"]) for h in range(p["hours"])]
    prices = [round(r[2], 4) for r in hourly]
    block_rows, paradoxical = [], {"accepted": 0, "rejected": 0}
    for b in market["blocks"]:
        average = sum(prices[b["start"]:b["end"]]) / (b["end"] - b["start"])
        is_accepted = b["id"] in accepted
        if is_accepted and average > b["limit"] + 1e-6:
            paradoxical["accepted"] += 1  # welfare-optimal but the bid pays more than its limit
        if not is_accepted and average < b["limit"] - 1e-6:
            paradoxical["rejected"] += 1  # in the money but left out to keep welfare maximal
        block_rows.append({"id": b["name"], "start": b["start"], "end": b["end"], "qty": b["qty"],
                           "limit": b["limit"], "accepted": is_accepted, "averagePrice": round(average, 4)})
    log.info("Accepted %d of %d blocks; average price %.2f EUR/MWh", len(accepted), len(block_rows),
             sum(prices) / len(prices))

    print("Writing results to database...")
    files = write_outputs(market, hourly, fixed, block_rows) if write_files else []
    names = {b["id"]: b["name"] for b in market["blocks"]}
    result = {"welfare": welfare, "iterations": nodes, "optimal": optimal, "gap": gap,
              "prices": prices, "volumes": [round(r[1], 4) for r in hourly],
              "acceptedBlocks": [names[b] for b in accepted], "blocks": block_rows, "paradoxicalBlocks": paradoxical,
              "dataSource": data.reference() if data else None, "files": files}
    if p["selfCheck"] and (1 << p["blocks"]) * p["hours"] > SELF_CHECK_LIMIT:
        log.warning("Self-check skipped: 2^blocks * hours must be at most %d", SELF_CHECK_LIMIT)
        result["selfCheck"] = {"objective": welfare, "skipped": f"2^blocks * hours must be at most {SELF_CHECK_LIMIT}"}
    elif p["selfCheck"]:
        sandbox.progress(0.95, "self-check: trying every subset of blocks")
        brute = brute_force_welfare(market)
        result["selfCheck"] = {"objective": welfare, "bruteForceObjective": brute}
        log.info("Self-check: branch and bound %.6f, brute force %.6f", welfare, brute)
    sandbox.progress(1.0, "done")
    print(f"Results written: {len(hourly) + len(block_rows)} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
