"""SciPy DMO model: multi-hour economic dispatch with ramp limits, one LP solved by HiGHS.

Needs numpy, pandas and SciPy: in the sandbox the `cpython` runtime (`auto` picks it), locally Debian's
/usr/bin/python3. The fleet (a DataFrame: unit, fuel, cost EUR/MWh, pmin, pmax, ramp MW/h) and the
hourly load come from the job's data source (models/data/so fits) or else are generated from `seed`:
`units` units of five fuels in merit order, a load peaking near 85 % of the installed capacity.

  variables   p[h,u] in [pmin_u, pmax_u] (every unit is on), shed[h] in [0, load_h], spill[h] >= 0
  minimize    sum cost_u * p[h,u] + voll * sum shed + spillPenalty * sum spill
  subject to  balance[h]:     sum_u p[h,u] + shed[h] - spill[h] = load_h
              ramp up[h,u]:   p[h,u] - p[h-1,u] <= rampUp_u      (h >= 1)
              ramp down[h,u]: p[h-1,u] - p[h,u] <= rampDown_u    (h >= 1)
The system marginal price of hour h is the dual of balance[h], res.eqlin.marginals[h]: the cost of the
unit strictly inside its bounds and ramp limits ("priceSetter"), or, when only ramp-limited units move,
a price coupling neighbouring hours ("ramp-coupled"); shedding sets voll, spilling -spillPenalty.

Config: CONFIG_DEFAULTS (models/README.md); rampScale multiplies every ramp. Larger: {"hours": 168,
"units": 200} solves in ~0.3 s. Output: output/dispatch.csv and prices.csv (pandas to_csv); stdout the
DMO line sequence with the price of every hour after the objective, the result JSON last.
"""
import json
import logging
import os
import sys
import time
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import scipy
from scipy import sparse
from scipy.optimize import linprog

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("dmo.scipy")
CONFIG_DEFAULTS = {"seed": 42, "hours": 24, "units": 30, "rampScale": 1.0, "voll": 3000.0, "spillPenalty": 500.0,
                   "writeFiles": True}
MINIMUM = {"hours": 1, "units": 1, "rampScale": 0.0, "voll": 1.0, "spillPenalty": 0.0}
TOLERANCE = 1e-6  # MW (relative to max(1, bound)): a unit is strictly inside a bound by more than this

# fuel: share of the units, cost range (EUR/MWh), pmax range (MW), pmin as a share of pmax, ramp as a share of pmax per hour
FUELS = [
    ("nuclear", 0.10, (8.0, 14.0), (800.0, 1200.0), 0.60, 0.08),
    ("coal", 0.24, (32.0, 48.0), (300.0, 600.0), 0.40, 0.20),
    ("ccgt", 0.33, (52.0, 75.0), (250.0, 450.0), 0.35, 0.45),
    ("ocgt", 0.20, (90.0, 140.0), (50.0, 150.0), 0.15, 1.00),
    ("oil", 0.13, (150.0, 250.0), (20.0, 80.0), 0.20, 1.00),
]
LOAD_SHAPE = np.array([0.62, 0.58, 0.56, 0.55, 0.56, 0.60, 0.70, 0.83, 0.92, 0.95, 0.96, 0.95,
                       0.93, 0.92, 0.91, 0.91, 0.93, 0.97, 1.00, 0.99, 0.94, 0.85, 0.75, 0.67])


def fuel_counts(units):
    """Units per fuel: the shares rounded, the remainder to the largest shares, every fuel at
    least one unit when there are enough units."""
    counts = [int(share * units) for _, share, *_ in FUELS]
    order = sorted(range(len(FUELS)), key=lambda i: -FUELS[i][1])
    i = 0
    while sum(counts) < units:
        counts[order[i % len(order)]] += 1
        i += 1
    return counts


def generate_fleet(p, rng):
    """The units as a DataFrame, in merit order (by cost); every cost distinct to the cent."""
    rows, used = [], set()
    for (fuel, _, cost_range, pmax_range, pmin_share, ramp_share), count in zip(FUELS, fuel_counts(p["units"])):
        for _ in range(count):
            cost = round(float(rng.uniform(*cost_range)), 2)
            while cost in used:
                cost = round(cost + 0.01, 2)
            used.add(cost)
            pmax = round(float(rng.uniform(*pmax_range)), 1)
            rows.append({"fuel": fuel, "cost": cost, "pmax": pmax,
                         "pmin": round(pmax * pmin_share * float(rng.uniform(0.9, 1.1)), 1),
                         "ramp": round(pmax * ramp_share * p["rampScale"] * float(rng.uniform(0.8, 1.2)), 1)})
    fleet = pd.DataFrame(rows).sort_values("cost", ignore_index=True)
    fleet.insert(0, "unit", [f"U{i + 1:03d}" for i in range(len(fleet))])
    return fleet[["unit", "fuel", "cost", "pmin", "pmax", "ramp"]]


def generate_load(p, fleet, rng):
    """MW per hour: the daily shape (repeated for more than 24 hours) with 2 % noise, peaking
    near 85 % of the installed capacity."""
    shape = LOAD_SHAPE[np.arange(p["hours"]) % 24] * rng.normal(1.0, 0.02, p["hours"])
    return np.round(0.85 * fleet["pmax"].sum() * shape / LOAD_SHAPE.max(), 1)


def load_data(data, p):
    """The fleet (in merit order) and the load in the data's files; p takes their hours and units."""
    log.info("Market data: %s", data)
    sandbox.ignore_config(("seed", "units"))
    number, whole = sandbox.number, sandbox.whole
    units = data.read_table("units.csv", {"unit": str, "pmin_mw": number, "pmax_mw": number, "marginal_cost_eur_mwh": number},
                            {"technology": (str, "unit"), "ramp_up_mw_h": (number, None), "ramp_down_mw_h": (number, None)},
                            unique=("unit",))
    demand = data.read_table("load_forecast.csv", {"hour": whole, "load_mw": number}, index="hour", minimum={"load_mw": 0})
    for name, rows in (("units.csv", units), ("load_forecast.csv", demand)):
        if not rows:
            raise ValueError(f"{name} has no rows")
    fleet = []
    for u in units:
        if not 0 <= u["pmin_mw"] <= u["pmax_mw"]:
            raise ValueError(f"units.csv line {u['_line']}: need 0 <= pmin_mw <= pmax_mw")
        up = u["pmax_mw"] if u["ramp_up_mw_h"] is None else u["ramp_up_mw_h"]
        down = up if u["ramp_down_mw_h"] is None else u["ramp_down_mw_h"]
        fleet.append({"unit": u["unit"], "fuel": u["technology"], "cost": u["marginal_cost_eur_mwh"], "pmin": u["pmin_mw"],
                      "pmax": u["pmax_mw"], "ramp": up * p["rampScale"], "rampDown": down * p["rampScale"]})
    load = np.array([row["load_mw"] for row in demand], dtype=float)
    if "hours" in sandbox.config:
        if p["hours"] > len(load):
            raise ValueError(f"config 'hours' is {p['hours']}, but load_forecast.csv has {len(load)} hours")
        load = load[:p["hours"]]
    p.update(hours=len(load), units=len(fleet))
    return pd.DataFrame(fleet).sort_values("cost", ignore_index=True, kind="stable"), load


def ramp_limits(fleet):
    """Ramp up and ramp down limits (MW per hour) of each unit; generated fleets have one for both."""
    up = fleet["ramp"].to_numpy(dtype=float)
    down = fleet["rampDown"].to_numpy(dtype=float) if "rampDown" in fleet.columns else up
    return up, down


def build_lp(p, fleet, load):
    """c, A_eq, b_eq, A_ub, b_ub and bounds of the LP. Variable order: p[h,u] at h*U + u, then
    shed[h] at H*U + h, then spill[h] at H*U + H + h."""
    H, U = p["hours"], len(fleet)
    n = H * U + 2 * H
    cost, pmin, pmax = (fleet[c].to_numpy(dtype=float) for c in ("cost", "pmin", "pmax"))
    ramp_up, ramp_down = ramp_limits(fleet)
    c = np.concatenate([np.tile(cost, H), np.full(H, p["voll"]), np.full(H, p["spillPenalty"])])
    hours = np.repeat(np.arange(H), U)                       # the hour of each p[h,u]
    rows = np.concatenate([hours, np.arange(H), np.arange(H)])
    cols = np.arange(n)
    vals = np.concatenate([np.ones(H * U), np.ones(H), -np.ones(H)])
    a_eq = sparse.csr_matrix((vals, (rows, cols)), shape=(H, n))
    b_eq = load.astype(float)
    # ramp rows: k-th pair (h >= 1, u) is p[h,u] - p[h-1,u] <= ramp up_u and p[h-1,u] - p[h,u] <= ramp down_u
    now = (np.arange(1, H)[:, None] * U + np.arange(U)[None, :]).ravel()
    before = now - U
    k = np.arange(now.size)
    rows = np.concatenate([k, k, now.size + k, now.size + k])
    cols = np.concatenate([now, before, before, now])
    vals = np.concatenate([np.ones(k.size), -np.ones(k.size), np.ones(k.size), -np.ones(k.size)])
    a_ub = sparse.csr_matrix((vals, (rows, cols)), shape=(2 * now.size, n))
    b_ub = np.concatenate([np.tile(ramp_up, H - 1), np.tile(ramp_down, H - 1)])
    bounds = np.column_stack([np.concatenate([np.tile(pmin, H), np.zeros(2 * H)]),
                              np.concatenate([np.tile(pmax, H), load, np.full(H, np.inf)])])
    return c, a_eq, b_eq, a_ub, b_ub, bounds


def price_setters(p, fleet, output, prices, shed, spill):
    """Per hour: the unit whose cost is the price (strictly inside its bounds, no binding ramp
    next to the hour), "shedding", "spill", or "ramp-coupled" when no such unit explains it."""
    H = p["hours"]
    cost, pmin, pmax = (fleet[c].to_numpy(dtype=float) for c in ("cost", "pmin", "pmax"))
    ramp_up, ramp_down = ramp_limits(fleet)

    def within(move):  # strictly inside the ramp limit in the direction of the move
        limit = np.where(move >= 0, ramp_up, ramp_down)
        return np.abs(move) < limit - TOLERANCE * np.maximum(1, limit)
    setters = []
    for h in range(H):
        if shed[h] > TOLERANCE:
            setters.append("shedding")
            continue
        if spill[h] > TOLERANCE:
            setters.append("spill")
            continue
        x = output[h]
        free = (x > pmin + TOLERANCE * np.maximum(1, pmin)) & (x < pmax - TOLERANCE * np.maximum(1, pmax))
        if h > 0:
            free &= within(x - output[h - 1])
        if h < H - 1:
            free &= within(output[h + 1] - x)
        match = [u for u in np.flatnonzero(free) if abs(cost[u] - prices[h]) <= 1e-6 * max(1.0, cost[u])]
        setters.append(str(fleet["unit"].iloc[match[0]]) if match else "ramp-coupled")
    return setters


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"[{datetime.now(timezone.utc).isoformat()}] Starting DMO optimization")
    print(f"Job ID: {sandbox.job_id}")
    print(f"Configuration: {json.dumps(sandbox.config, sort_keys=True)}")
    p = sandbox.read_config(CONFIG_DEFAULTS, MINIMUM)
    log.info("Effective parameters: %s; numpy %s, pandas %s, scipy %s", json.dumps(p, sort_keys=True),
             np.__version__, pd.__version__, scipy.__version__)

    data = sandbox.find_data()
    print("Loading market data from database...")
    sandbox.progress(0.0, "generating the fleet and the load" if data is None else "reading the fleet and the load")
    if data is None:
        rng = np.random.default_rng(p["seed"])
        fleet = generate_fleet(p, rng)
        load = generate_load(p, fleet, rng)
    else:
        fleet, load = load_data(data, p)
    print(f"Data loaded successfully: {len(fleet) + len(load)} records")
    log.info("Fleet: %s; %.1f MW installed, %.1f MW must-run; load %.1f-%.1f MW",
             ", ".join(f"{n} {fuel}" for fuel, n in fleet["fuel"].value_counts(sort=False).items()),
             fleet["pmax"].sum(), fleet["pmin"].sum(), load.min(), load.max())
    sandbox.progress(0.2, "fleet and load ready")

    print("Running optimization algorithm...")
    H, U = p["hours"], len(fleet)
    c, a_eq, b_eq, a_ub, b_ub, bounds = build_lp(p, fleet, load)
    size = {"hours": H, "units": U, "variables": int(c.size), "equalities": int(a_eq.shape[0]),
            "inequalities": int(a_ub.shape[0]), "nonzeros": int(a_eq.nnz + a_ub.nnz)}
    log.info("LP: %d variables, %d balance and %d ramp constraints, %d nonzeros", size["variables"],
             size["equalities"], size["inequalities"], size["nonzeros"])
    sandbox.progress(0.4, "solving the LP with HiGHS")
    started = time.perf_counter()
    res = linprog(c, A_ub=a_ub if a_ub.shape[0] else None, b_ub=b_ub if a_ub.shape[0] else None,
                  A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    seconds = time.perf_counter() - started
    log.info("HiGHS: %s (status %d) in %.3f s", res.message, res.status, seconds)
    if res.status != 0:
        sandbox.result({"status": res.message, "objective": None, "size": size})
        raise RuntimeError(f"the dispatch LP did not solve: {res.message}")
    iterations = int(getattr(res, "nit", 0) or 0)
    sandbox.metric("objective", float(res.fun), step=1)
    print(f"Optimization converged after {iterations} iterations")
    print(f"Objective value: {res.fun:.2f}")
    sandbox.progress(0.8, "reading prices")

    output = res.x[:H * U].reshape(H, U)
    shed, spill = res.x[H * U:H * U + H], res.x[H * U + H:]
    prices = res.eqlin.marginals + 0.0  # d(cost)/d(load_h): the system marginal price, EUR/MWh (+ 0.0: no -0.0)
    setters = price_setters(p, fleet, output, prices, shed, spill)
    print("System marginal price per hour (EUR/MWh):")
    for h in range(H):
        print(f"  hour {h:2d}  load {load[h]:9.1f} MW  price {prices[h]:8.2f}  set by {setters[h]}")
    ramp_up, ramp_down = ramp_limits(fleet)
    moves = np.diff(output, axis=0)
    max_ramp_violation = float(max(0.0, (np.abs(moves) - np.where(moves >= 0, ramp_up, ramp_down)).max())) if H > 1 else 0.0
    max_residual = float(np.abs(output.sum(axis=1) + shed - spill - load).max())
    coupled = setters.count("ramp-coupled")
    log.info("Cost %.2f EUR; average price %.2f EUR/MWh; %d ramp-coupled hours; shed %.1f MWh, spill %.1f MWh",
             res.fun, prices.mean(), coupled, shed.sum(), spill.sum())

    print("Writing results to database...")
    sandbox.progress(0.9, "writing results")
    files = []
    if p["writeFiles"]:
        os.makedirs("output", exist_ok=True)
        dispatch = pd.DataFrame({"hour": np.repeat(np.arange(H), U), "unit": np.tile(fleet["unit"], H),
                                 "fuel": np.tile(fleet["fuel"], H), "cost_eur_mwh": np.tile(fleet["cost"], H),
                                 "output_mw": np.round(output.ravel(), 6)})
        dispatch.to_csv(os.path.join("output", "dispatch.csv"), index=False)
        pd.DataFrame({"hour": np.arange(H), "load_mw": load, "price_eur_mwh": np.round(prices, 6),
                      "shed_mw": np.round(shed, 6), "spill_mw": np.round(spill, 6), "set_by": setters}
                     ).to_csv(os.path.join("output", "prices.csv"), index=False)
        files = ["output/dispatch.csv", "output/prices.csv"]
    result = {"status": res.message, "objective": float(res.fun), "prices": [round(float(x), 6) for x in prices],
              "load": [float(x) for x in load], "shedMWh": float(shed.sum()), "spillMWh": float(spill.sum()),
              "priceSetter": setters, "rampCoupledHours": coupled, "maxRampViolation": max_ramp_violation,
              "maxBalanceResidual": max_residual, "size": size, "solveSeconds": seconds, "files": files,
              "dataSource": data.reference() if data else None}
    sandbox.progress(1.0, "done")
    print(f"Results written: {H * U + H} records")
    print(f"[{datetime.now(timezone.utc).isoformat()}] DMO optimization completed successfully")
    sys.stdout.flush()
    sandbox.result(result)  # last: locally the result JSON is then the last line of stdout


if __name__ == "__main__":
    main()
