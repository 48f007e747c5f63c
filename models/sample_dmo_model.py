"""Sample DMO model: day-ahead market clearing with hourly bids and fill-or-kill block bids.

The market: the job's data source (models/data/dmo, read by sandbox.read_market), or else generated
from `seed`: `generators` units with `steps` offer steps (a quarter solar), hourly demand (70 %
inelastic at `priceCap`, the rest in `demandSteps` bid steps) and `blocks` demand block bids.

  maximize    sum of accepted bids * price - sum of accepted offers * price + sum_b x_b * limit_b * qty_b * hours_b
  subject to  x_b in {0, 1}: block b takes qty_b in each of its hours or nothing; sum of x_b over a group <= 1
With the blocks fixed, each hour clears by merit order (clear_hour); the blocks are chosen exactly by
depth-first branch and bound (one node = one iteration). Hourly welfare is concave in the block demand,
so value_b - qty_b * (cost of one more MWh in its hours) bounds what an open block can add. Optimal to
1e-9 unless `maxIterations` stops the search ("optimal": false, "gap").

Config: CONFIG_DEFAULTS (models/README.md); more `blocks` run longer (30: ~0.5 s). selfCheck also tries
every subset of blocks (if 2^blocks * hours <= 8192). Output: output/prices.csv, schedule.csv, blocks.csv.
"""
import json
import logging
import math
import random
import sys
from datetime import datetime, timezone
from itertools import accumulate

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("dmo")
INF = float("inf")
CONFIG_DEFAULTS = {"seed": 42, "hours": 24, "generators": 12, "steps": 3, "demandSteps": 4, "blocks": 12,
                   "priceCap": 3000.0, "maxIterations": 100000, "metricEvery": 1, "selfCheck": False}
MINIMUM = {"hours": 1, "generators": 1, "steps": 1, "demandSteps": 1, "blocks": 0, "priceCap": 1.0,
           "maxIterations": 1, "metricEvery": 1}
SELF_CHECK_LIMIT = 8192  # subsets times hours the brute force may evaluate


def make_market(supply, demand, blocks, inelastic):
    """Per hour the supply curve by rising and the demand curve by falling price, each step (price, MW,
    label): (unit, step), ("inelastic", 0) or ("bid", step). A block's value is limit * MW * hours."""
    for b in blocks:
        b["value"] = b["limit"] * b["qty"] * (b["end"] - b["start"])
    return {"supply": [sorted(s) for s in supply], "demand": [sorted(d, reverse=True) for d in demand],
            "blocks": blocks, "inelastic": inelastic}


def generate_market(p):
    """Seeded offers, bids and blocks; every block is an exclusive group of its own."""
    rng, hours = random.Random(p["seed"]), p["hours"]
    solar = [max(0.0, math.sin(math.pi * ((h % 24) - 6) / 12)) for h in range(hours)]
    shape = [0.65 + 0.35 * math.sin(math.pi * ((h % 24) - 7) / 14) ** 2 for h in range(hours)]
    supply, nameplate = [[] for _ in range(hours)], 0.0
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
    peak, demand, inelastic = 0.8 * nameplate, [], []
    for h in range(hours):
        load = peak * shape[h] * rng.uniform(0.97, 1.03)
        demand.append([(p["priceCap"], 0.7 * load, ("inelastic", 0))]
                      + [(round(150 * 0.65 ** k + rng.uniform(0, 5), 2), 0.3 * load / p["demandSteps"], ("bid", k))
                         for k in range(p["demandSteps"])])
        inelastic.append(0.7 * load)
    blocks = []
    for b in range(p["blocks"]):
        length = rng.randint(min(2, hours), min(6, hours))
        start = rng.randint(0, hours - length)
        qty = round(rng.uniform(0.03, 0.15) * peak, 1)
        blocks.append({"id": b, "name": b, "group": b, "groupName": "", "start": start, "end": start + length,
                       "qty": qty, "limit": round(rng.uniform(45, 100), 2)})
    return make_market(supply, demand, blocks, inelastic)


def load_market(data, p):
    """The market in the data's files (sandbox.read_market), as generate_market gives it; p takes the
    data's hours, blocks and generators."""
    log.info("Market data: %s", data)
    sandbox.ignore_config(("seed", "generators", "steps", "demandSteps", "blocks"))
    m = sandbox.read_market(data, p["hours"] if "hours" in sandbox.config else None)
    supply = [[(o["price"], o["qty"], (o["unit"], o["step"])) for o in offers] for offers in m["offers"]]
    demand = [([(p["priceCap"], load, ("inelastic", 0))] if load > 0 else [])
              + [(b["price"], b["qty"], ("bid", b["step"])) for b in bids] for load, bids in zip(m["load"], m["bids"])]
    blocks = []
    for b in m["blocks"]:
        if b["side"] != "bid":
            raise ValueError(f"block_bids.csv: block {b['name']!r} is a sell block; this model clears buy (demand) "
                             "blocks only (pulp_dmo_market_clearing.py clears both sides)")
        blocks.append(dict(b, id=len(blocks), limit=b["price"]))
    p.update(hours=m["hours"], blocks=len(blocks), generators=len({o["unit"] for offers in m["offers"] for o in offers}))
    log.info("%d hours, %d units, %d offer steps, %d bid steps, %d block bids, price cap %.2f EUR/MWh", p["hours"],
             p["generators"], sum(map(len, supply)), sum(map(len, demand)), p["blocks"], p["priceCap"])
    return make_market(supply, demand, blocks, m["load"])


def clear_hour(supply, demand, fixed, cap):
    """Merit-order clearing of one hour, `fixed` MWh of accepted block demand served first: (welfare
    without the blocks' value, volume, price, cost of one more MWh of fixed demand), or None when the
    blocks alone exceed the supply. `cap` is the price when supply runs out."""
    ns, nd = len(supply), len(demand)
    i, rs = 0, (supply[0][1] if ns else 0.0)
    cost, value, last_sup, last_dem, need = 0.0, 0.0, -INF, INF, fixed
    while need > 1e-9:  # the blocks first
        if i == ns:
            return None
        take = min(rs, need)
        cost += take * supply[i][0]
        need, rs, last_sup = need - take, rs - take, supply[i][0]
        if rs == 0:
            i += 1
            rs = supply[i][1] if i < ns else 0.0
    j, rd, volume = 0, (demand[0][1] if nd else 0.0), fixed
    while i < ns and j < nd and demand[j][0] > supply[i][0]:  # then the bids, while they pay the offers
        q = min(rs, rd)  # one of the two steps is used up exactly
        value, cost, volume = value + q * demand[j][0], cost + q * supply[i][0], volume + q
        last_sup, last_dem, rs, rd = supply[i][0], demand[j][0], rs - q, rd - q
        if rs == 0:
            i += 1
            rs = supply[i][1] if i < ns else 0.0
        if rd == 0:
            j += 1
            rd = demand[j][1] if j < nd else 0.0
    up = min(supply[i][0] if i < ns else INF, last_dem)  # one more MWh: the next offer, or a bid displaced
    down = max(last_sup, demand[j][0] if j < nd else -INF)
    # any price in [down, up] clears the hour: the step's price when one is marginal
    price = max(cap, down) if up == INF else up if down == -INF else (up + down) / 2
    return value - cost, volume, price, up


def branch_and_bound(market, p, on_node):
    """Exact choice of accepted blocks, depth first: (welfare, accepted ids, nodes, optimal, gap)."""
    supply, demand, cap = market["supply"], market["demand"], p["priceCap"]
    order = sorted(market["blocks"], key=lambda b: -b["limit"])  # valuable blocks first: good incumbents early
    state = {"best": -INF, "accepted": [], "nodes": 0, "explored": 0.0, "open_bound": -INF}

    def gain_bound(block, results):  # what the block can add at most: concave hours
        return max(0.0, block["value"] - block["qty"] * sum(results[h][3] for h in range(block["start"], block["end"])))

    def visit(depth, accepted, block_value, fixed, results, parent_bound, taken):
        if state["nodes"] >= p["maxIterations"]:  # out of budget: remember what this subtree might hold
            state["open_bound"] = max(state["open_bound"], parent_bound)
            state["explored"] += 0.5 ** depth
            return
        state["nodes"] += 1
        welfare = block_value + sum(r[0] for r in results)
        if welfare > state["best"]:
            state["best"], state["accepted"] = welfare, accepted
        bound = welfare + sum(gain_bound(b, results) for b in order[depth:] if b["group"] not in taken)
        on_node(state["nodes"], state["best"], state["explored"])
        if depth == len(order) or bound <= state["best"] + 1e-9 * max(1.0, abs(state["best"])):
            state["explored"] += 0.5 ** depth
            return
        block, new_fixed, new_results = order[depth], list(fixed), list(results)
        if block["group"] in taken:  # another block of its exclusive group is accepted
            state["explored"] += 0.5 ** (depth + 1)
        else:  # accept it: only its hours change
            for h in range(block["start"], block["end"]):
                new_fixed[h] += block["qty"]
                new_results[h] = clear_hour(supply[h], demand[h], new_fixed[h], cap)
                if new_results[h] is None:
                    state["explored"] += 0.5 ** (depth + 1)
                    break
            else:
                visit(depth + 1, accepted + [block["id"]], block_value + block["value"], new_fixed, new_results, bound,
                      taken | {block["group"]})
        visit(depth + 1, accepted, block_value, fixed, results, bound, taken)  # reject it

    visit(0, [], 0.0, [0.0] * len(demand), [clear_hour(s, d, 0.0, cap) for s, d in zip(supply, demand)], INF, frozenset())
    optimal = state["open_bound"] == -INF
    gap = 0.0 if optimal else state["open_bound"] - state["best"]
    return state["best"], sorted(state["accepted"]), state["nodes"], optimal, gap


def block_demand(blocks, hours):
    """MW of the blocks in each hour."""
    fixed = [0.0] * hours
    for b in blocks:
        for h in range(b["start"], b["end"]):
            fixed[h] += b["qty"]
    return fixed


def brute_force_welfare(market):
    """Self-check: every subset of blocks; welfare is piecewise linear in each hour's volume, so each
    hour is solved at the best breakpoint of its curves."""
    def area(curve, q):  # integral of a sorted step curve from 0 to q MWh
        total = 0.0
        for price, qty, _ in curve:
            if q <= 0:
                break
            total, q = total + price * min(qty, q), q - qty
        return total

    def hour_welfare(supply, demand, fixed):  # None when the blocks alone exceed the supply
        if fixed > sum(s[1] for s in supply) + 1e-9:
            return None
        top = min(sum(s[1] for s in supply), fixed + sum(d[1] for d in demand))
        edges = {fixed, top, *accumulate(s[1] for s in supply), *accumulate((d[1] for d in demand), initial=fixed)}
        return max(area(demand, v - fixed) - area(supply, v) for v in edges if fixed <= v <= top)

    best, blocks, hours = -INF, market["blocks"], len(market["demand"])
    for mask in range(1 << len(blocks)):
        chosen = [b for b in blocks if mask >> b["id"] & 1]
        if len({b["group"] for b in chosen}) < len(chosen):
            continue  # two blocks of one exclusive group
        fixed, total = block_demand(chosen, hours), sum(b["value"] for b in chosen)
        for h in range(hours):
            welfare = hour_welfare(market["supply"][h], market["demand"][h], fixed[h])
            if welfare is None:
                break
            total += welfare
        else:
            best = max(best, total)
    return best


def write_outputs(market, hourly, fixed, block_rows):
    """output/prices.csv, output/schedule.csv and output/blocks.csv."""
    def accepted_steps(curve, amount):  # MW taken from each step of a sorted curve to make up `amount` MW
        taken = []
        for step in curve:
            taken.append(min(step[1], max(0.0, amount)))
            amount -= taken[-1]
        return taken

    prices, schedule = [], []
    for h, (_, volume, price, _) in enumerate(hourly):
        supply, demand = market["supply"][h], market["demand"][h]
        served = accepted_steps(demand, volume - fixed[h])
        inelastic = sum(x for x, (_, _, (kind, _)) in zip(served, demand) if kind == "inelastic")
        prices.append([h, round(price, 4), round(volume, 4), round(market["inelastic"][h], 4),
                       round(market["inelastic"][h] - inelastic, 4), round(fixed[h], 4)])
        schedule += [[h, "offer", unit, step, offer, round(qty, 4), round(x, 4)]
                     for (offer, qty, (unit, step)), x in zip(supply, accepted_steps(supply, volume))]
        schedule += [[h, "bid", "", step, bid, round(qty, 4), round(x, 4)]
                     for (bid, qty, (kind, step)), x in zip(demand, served) if kind == "bid"]
    return [sandbox.write_csv("output/prices.csv", ["hour", "price_eur_mwh", "volume_mw", "inelastic_load_mw",
                                                    "curtailed_mw", "block_demand_mw"], prices),
            sandbox.write_csv("output/schedule.csv", ["hour", "side", "unit", "step", "price_eur_mwh", "offered_mw",
                                                      "accepted_mw"], schedule),
            sandbox.write_csv("output/blocks.csv", ["block", "exclusive_group", "side", "first_hour", "last_hour",
                                                    "quantity_mw", "limit_price_eur_mwh", "accepted", "average_price_eur_mwh"],
                              ([b["name"], b["groupName"], "buy", b["start"], b["end"] - 1, b["qty"], b["limit"],
                                int(row["accepted"]), row["averagePrice"]] for b, row in zip(market["blocks"], block_rows)))]


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
    sandbox.progress(0.0, "generating market data" if data is None else "reading market data")
    market = generate_market(p) if data is None else load_market(data, p)
    print(f"Data loaded successfully: {sum(map(len, market['supply'] + market['demand'])) + len(market['blocks'])} records")
    sandbox.progress(0.1, "market data ready")

    print("Running optimization algorithm...")

    def on_node(node, best, explored):
        if node % p["metricEvery"] == 0:
            sandbox.metric("objective", best, step=node)
        if node % 50 == 0:
            sandbox.progress(0.1 + 0.8 * explored, f"branch and bound: {node} nodes")

    welfare, accepted, nodes, optimal, gap = branch_and_bound(market, p, on_node)
    if not optimal:
        log.warning("Stopped at maxIterations=%d; welfare gap at most %.2f", p["maxIterations"], gap)
    print(f"Optimization converged after {nodes} iterations")
    print(f"Objective value: {welfare:.2f}")
    sandbox.progress(0.9, "computing prices")

    fixed = block_demand([market["blocks"][b] for b in accepted], p["hours"])
    hourly = [clear_hour(market["supply"][h], market["demand"][h], fixed[h], p["priceCap"]) for h in range(p["hours"])]
    prices = [round(r[2], 4) for r in hourly]
    block_rows, paradoxical = [], {"accepted": 0, "rejected": 0}
    for b in market["blocks"]:
        average = sum(prices[b["start"]:b["end"]]) / (b["end"] - b["start"])
        is_accepted = b["id"] in accepted
        paradoxical["accepted"] += is_accepted and average > b["limit"] + 1e-6  # optimal, yet pays above its limit
        paradoxical["rejected"] += not is_accepted and average < b["limit"] - 1e-6  # in the money, yet left out
        block_rows.append({"id": b["name"], "start": b["start"], "end": b["end"], "qty": b["qty"],
                           "limit": b["limit"], "accepted": is_accepted, "averagePrice": round(average, 4)})
    log.info("Accepted %d of %d blocks; average price %.2f EUR/MWh", len(accepted), len(block_rows),
             sum(prices) / len(prices))

    print("Writing results to database...")
    files = write_outputs(market, hourly, fixed, block_rows) if write_files else []
    result = {"welfare": welfare, "iterations": nodes, "optimal": optimal, "gap": gap,
              "prices": prices, "volumes": [round(r[1], 4) for r in hourly],
              "acceptedBlocks": [market["blocks"][b]["name"] for b in accepted], "blocks": block_rows,
              "paradoxicalBlocks": paradoxical, "dataSource": data.reference() if data else None, "files": files}
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
