"""Sample DMO model: day-ahead market clearing with hourly bids and block bids.

The market (generated in memory from a seed, standing in for a database):
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
"""
import json
import logging
import math
import random
import sys
from datetime import datetime, timezone

try:
    import sandbox
except ImportError:  # plain CPython: a stand-in so the model runs locally (an optional argv[1] is the config JSON)
    import types, uuid
    sandbox = types.SimpleNamespace(job_id="LOCAL_" + uuid.uuid4().hex[:6], model_type="DMO", data_source_id=None,
        config=json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}, log=lambda level, msg: logging.log(logging.getLevelName(level), msg),
        progress=lambda f, m=None: None, metric=lambda n, v, step=None: None, result=lambda obj: print(json.dumps(obj), file=sys.stderr))

log = logging.getLogger("dmo")
INF = float("inf")
DEFAULTS = {"seed": 42, "hours": 24, "generators": 12, "steps": 3, "demandSteps": 4, "blocks": 12,
            "priceCap": 3000.0, "maxIterations": 100000, "metricEvery": 1, "selfCheck": False}
MINIMUM = {"hours": 1, "generators": 1, "steps": 1, "demandSteps": 1, "blocks": 0, "priceCap": 1.0,
           "maxIterations": 1, "metricEvery": 1}
SELF_CHECK_LIMIT = 8192  # subsets times hours the brute force may evaluate


def read_config(raw):
    """Defaults overlaid with sandbox.config; wrong types or sizes fail loudly."""
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


def generate_market(p):
    """Seeded offers and bids. Curves are sorted: supply by rising, demand by falling price."""
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
                supply[h] += [(price, available / p["steps"]) for price in prices]
    peak = 0.8 * nameplate
    demand = []
    for h in range(hours):
        load = peak * shape[h] * rng.uniform(0.97, 1.03)
        steps = [(p["priceCap"], 0.7 * load)]  # inelastic part
        steps += [(round(150 * 0.65 ** k + rng.uniform(0, 5), 2), 0.3 * load / p["demandSteps"])
                  for k in range(p["demandSteps"])]
        demand.append(sorted(steps, reverse=True))
    for curve in supply:
        curve.sort()
    blocks = []
    for b in range(p["blocks"]):
        length = rng.randint(min(2, hours), min(6, hours))
        start = rng.randint(0, hours - length)
        qty = round(rng.uniform(0.03, 0.15) * peak, 1)
        limit = round(rng.uniform(45, 100), 2)
        blocks.append({"id": b, "start": start, "end": start + length, "qty": qty, "limit": limit,
                       "value": limit * qty * length})
    return {"supply": supply, "demand": demand, "blocks": blocks}


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
    """Exact choice of accepted blocks. Returns (welfare, accepted ids, nodes, optimal, gap)."""
    supply, demand, blocks = market["supply"], market["demand"], market["blocks"]
    order = sorted(blocks, key=lambda b: -b["limit"])  # valuable blocks first: good incumbents early
    hours = len(demand)
    state = {"best": -INF, "accepted": [], "nodes": 0, "explored": 0.0, "open_bound": -INF}

    def gain_bound(block, results):
        marginal = sum(results[h][3] for h in range(block["start"], block["end"]))
        return max(0.0, block["value"] - block["qty"] * marginal)

    def visit(depth, accepted, block_value, fixed, results, parent_bound):
        if state["nodes"] >= p["maxIterations"]:  # out of budget: remember what this subtree might hold
            state["open_bound"] = max(state["open_bound"], parent_bound)
            state["explored"] += 0.5 ** depth
            return
        state["nodes"] += 1
        welfare = block_value + sum(r[0] for r in results)
        if welfare > state["best"]:
            state["best"], state["accepted"] = welfare, accepted
        bound = welfare + sum(gain_bound(order[k], results) for k in range(depth, len(order)))
        on_node(state["nodes"], state["best"], state["explored"])
        if depth == len(order) or bound <= state["best"] + 1e-9 * max(1.0, abs(state["best"])):
            state["explored"] += 0.5 ** depth
            return
        block = order[depth]
        new_fixed, new_results = list(fixed), list(results)
        for h in range(block["start"], block["end"]):  # only the block's hours change
            new_fixed[h] += block["qty"]
            new_results[h] = clear_hour(supply[h], demand[h], new_fixed[h], p["priceCap"])
            if new_results[h] is None:
                state["explored"] += 0.5 ** (depth + 1)
                break
        else:
            visit(depth + 1, accepted + [block["id"]], block_value + block["value"], new_fixed, new_results, bound)
        visit(depth + 1, accepted, block_value, fixed, results, bound)

    root = [clear_hour(supply[h], demand[h], 0.0, p["priceCap"]) for h in range(hours)]
    visit(0, [], 0.0, [0.0] * hours, root, INF)
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
    raw = dict(sandbox.config or {})
    print(f"[{datetime.now(timezone.utc).isoformat()}] Starting DMO optimization")
    print(f"Job ID: {sandbox.job_id}")
    print(f"Configuration: {json.dumps(raw, sort_keys=True)}")
    p = read_config(raw)
    log.info("Effective parameters: %s", json.dumps(p, sort_keys=True))

    print("Loading market data from database...")
    sandbox.progress(0.0, "generating market data")
    market = generate_market(p)
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
        block_rows.append({"id": b["id"], "start": b["start"], "end": b["end"], "qty": b["qty"],
                           "limit": b["limit"], "accepted": is_accepted, "averagePrice": round(average, 4)})
    log.info("Accepted %d of %d blocks; average price %.2f EUR/MWh", len(accepted), len(block_rows),
             sum(prices) / len(prices))

    print("Writing results to database...")
    result = {"welfare": welfare, "iterations": nodes, "optimal": optimal, "gap": gap,
              "prices": prices, "volumes": [round(r[1], 4) for r in hourly],
              "acceptedBlocks": accepted, "blocks": block_rows, "paradoxicalBlocks": paradoxical}
    if p["selfCheck"] and (1 << p["blocks"]) * p["hours"] > SELF_CHECK_LIMIT:
        log.warning("Self-check skipped: 2^blocks * hours must be at most %d", SELF_CHECK_LIMIT)
        result["selfCheck"] = {"objective": welfare, "skipped": f"2^blocks * hours must be at most {SELF_CHECK_LIMIT}"}
    elif p["selfCheck"]:
        sandbox.progress(0.95, "self-check: trying every subset of blocks")
        brute = brute_force_welfare(market)
        result["selfCheck"] = {"objective": welfare, "bruteForceObjective": brute}
        log.info("Self-check: branch and bound %.6f, brute force %.6f", welfare, brute)
    sandbox.result(result)
    sandbox.progress(1.0, "done")
    print(f"Results written: {len(hourly) + len(block_rows)} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")


if __name__ == "__main__":
    main()
