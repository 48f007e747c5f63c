"""Sample RMO model: real-time economic dispatch every 5 minutes with ramp limits and reserve.

The system comes from the job's data source when it has one (CSV files, see "Input data"
below); without one it is generated in memory from a seed: `generators` online units with
integer MW limits, 5-minute ramp rates and linear energy costs; an hourly day-ahead load forecast
and the day-ahead schedule that meets it by merit order. In real time the load drifts away from
the forecast (a seeded AR(1) deviation) and, with `unitTrip`, one unit trips in mid-window.

Every interval is re-dispatched like a real-time market (SCED): one linear program minimizing
  energy cost + VOLL * unserved energy + overGenPenalty * excess + reservePenalty * reserve shortfall
subject to: generation + unserved - excess = load; each unit within its limits and within one
ramp step of its previous output; reserve r_g <= min(pmax_g - p_g, ramp_g * reserveMinutes / 5);
total reserve + shortfall >= reserveFraction * load. The LP is solved exactly by a small dense
two-phase simplex (below); its duals give the 5-minute energy and reserve prices. Each interval
is one iteration; the objective metric is the cumulative cost.

Config keys (sandbox.config), defaults in brackets:
  seed [42]               random seed
  generators [8]          online units (LP has 2*generators+3 variables, 3*generators+2 rows)
  intervals [24]          5-minute intervals to dispatch (24 = two hours)
  startHour [6]           hour of day the window starts (6 = morning load ramp)
  reserveFraction [0.07]  spinning reserve requirement as a share of load
  reserveMinutes [10]     reserve must be deliverable within this many minutes of ramping
  loadNoise [0.01]        size of the 5-minute load deviation, as a share of peak load
  unitTrip [true]         trip the unit with the largest output at a random mid-window interval
  voll [3000.0]           value of lost load, $/MWh
  reservePenalty [500.0]  reserve shortfall penalty, $/MW-h
  overGenPenalty [200.0]  excess generation penalty, $/MWh
  selfCheck [false]       also dispatch by brute force: each interval tries every whole-MW
                          output vector within the ramp limits (skipped above 2 million
                          vectors in all: keep generators <= 3 and intervals small)
To run longer (benchmarks) raise `intervals` (linear; 288 = one day, ~0.25 s in CPython) or
`generators` (about cubic per LP; 30 units ~0.5 s for 48 intervals).
Because all data are whole MW and the constraint matrix is totally unimodular, an integer
optimum exists, so the brute force matches the LP exactly (to floating-point rounding).
Self-check example: {"selfCheck": true, "generators": 3, "intervals": 6, "seed": 5}
Like every sample, it also takes writeFiles [true], dataDir and dataAlias (models/README.md).

Input data, when the job has a data source (sandbox.find_data; e.g. models/data/rmo, columns and
checks in models/README.md): units.csv (unit, pmin_mw, pmax_mw, ramp_mw_min, marginal_cost_eur_mwh,
[technology]: the units online throughout), load_forecast.csv (hour, load_mw: the day-ahead
forecast, whose merit-order dispatch is the day-ahead schedule), realtime_load.csv (interval,
load_mw, [time]: consecutive 5-minute intervals of the day, 72 = 06:00) and, optional,
outages.csv (unit, interval: the unit trips then; unitTrip false ignores them). MW values are
rounded to whole MW. The window starts at startHour (default: the file's first interval) and has
`intervals` intervals (default: the rest of the file).

Output (writeFiles): output/dispatch.csv and output/prices.csv, by interval of the day (the
result's "intervals" count from the window's start), "files" and "dataSource" in the result.
"""
import itertools
import json
import logging
import math
import random

import sandbox  # in a job the host's module; with plain python3, models/sandbox.py

log = logging.getLogger("rmo")
DT = 5.0 / 60.0  # hours per interval
SELF_CHECK_LIMIT = 2_000_000  # output vectors the brute force may try
CONFIG_DEFAULTS = {"seed": 42, "generators": 8, "intervals": 24, "startHour": 6, "reserveFraction": 0.07,
                   "reserveMinutes": 10, "loadNoise": 0.01, "unitTrip": True, "voll": 3000.0,
                   "reservePenalty": 500.0, "overGenPenalty": 200.0, "selfCheck": False}
MINIMUM = {"generators": 1, "intervals": 1, "startHour": 0, "reserveFraction": 0.0, "reserveMinutes": 0,
           "loadNoise": 0.0, "voll": 0.0, "reservePenalty": 0.0, "overGenPenalty": 0.0}


def solve_lp(costs, rows, eps=1e-9):
    """Minimize costs . x subject to rows [({column: coefficient}, "<=" | ">=" | "=", rhs)], x >= 0.

    Dense two-phase tableau simplex: Dantzig's rule, switching to Bland's rule (which cannot
    cycle) after a run of degenerate pivots. Returns (objective, x, duals, pivots) where
    duals[i] is the change of the optimum per unit increase of rows[i]'s rhs.
    """
    n = len(costs)
    norm = []
    for coeffs, sense, rhs in rows:  # make every rhs non-negative so the start basis is feasible
        sign = -1.0 if rhs < 0 else 1.0
        if sign < 0:
            sense = {"<=": ">=", ">=": "<=", "=": "="}[sense]
        norm.append(({j: sign * a for j, a in coeffs.items()}, sense, sign * rhs, sign))
    n_slack = sum(s != "=" for _, s, _, _ in norm)
    first_art = n + n_slack
    width = first_art + sum(s != "<=" for _, s, _, _ in norm)
    tableau, basis, unit = [], [], []  # unit[i]: the column that started as row i's identity column
    slack, art = n, first_art
    for coeffs, sense, rhs, _ in norm:
        row = [0.0] * (width + 1)
        for j, a in coeffs.items():
            row[j] = float(a)
        row[-1] = float(rhs)
        if sense != "=":
            row[slack] = 1.0 if sense == "<=" else -1.0
            if sense == "<=":
                basis.append(slack)
            slack += 1
        if sense != "<=":
            row[art] = 1.0
            basis.append(art)
            art += 1
        unit.append(basis[-1])
        tableau.append(row)

    def pivot(r, col):
        prow = tableau[r]
        inv = 1.0 / prow[col]
        prow[:] = [v * inv for v in prow]
        for row in tableau + [objective]:
            f = row[col]
            if f != 0.0 and row is not prow:
                row[:] = [a - f * b for a, b in zip(row, prow)]
        basis[r] = col

    def run(allowed):
        count = degenerate = 0
        while True:
            if degenerate > 2 * len(tableau):
                col = next((j for j in allowed if objective[j] < -eps), None)
            else:
                col = min(allowed, key=objective.__getitem__)
                col = col if objective[col] < -eps else None
            if col is None:
                return count
            r, best = None, 0.0
            for i, row in enumerate(tableau):
                if row[col] > eps:
                    ratio = row[-1] / row[col]
                    if r is None or ratio < best - eps or (ratio <= best + eps and basis[i] < basis[r]):
                        r, best = i, ratio
            if r is None:
                raise ValueError("LP is unbounded")
            degenerate = degenerate + 1 if best <= eps else 0
            pivot(r, col)
            count += 1

    # Phase 1: minimize the sum of artificial variables to find a feasible basis.
    objective = [0.0] * first_art + [1.0] * (width - first_art) + [0.0]
    for i, row in enumerate(tableau):
        if basis[i] >= first_art:
            objective[:] = [a - b for a, b in zip(objective, row)]
    pivots = run(range(width))
    if -objective[-1] > 1e-7 * max(1.0, sum(r[-1] for r in tableau)):
        raise ValueError("LP is infeasible")
    for i, row in enumerate(tableau):  # drive zero-valued artificials out of the basis
        if basis[i] >= first_art:
            col = next((j for j in range(first_art) if abs(row[j]) > eps), None)
            if col is not None:
                pivot(i, col)
    # Phase 2: the real costs, artificial columns barred from entering.
    objective = [float(c) for c in costs] + [0.0] * (width - n + 1)
    for i, row in enumerate(tableau):
        cb = objective[basis[i]] if basis[i] < n else 0.0
        if cb:
            objective[:] = [a - cb * b for a, b in zip(objective, row)]
    pivots += run(range(first_art))
    x = [0.0] * n
    for i, row in enumerate(tableau):
        if basis[i] < n:
            x[basis[i]] = row[-1]
    duals = [-objective[unit[i]] * norm[i][3] for i in range(len(rows))]
    return -objective[-1], x, duals, pivots


def generate_system(p):
    """Seeded units (whole MW), hourly forecast, day-ahead schedule and real-time load."""
    rng = random.Random(p["seed"])
    units = []
    for g in range(p["generators"]):
        pmax = rng.randint(50, 300)
        units.append({"id": g, "name": g, "pmin": round(pmax * rng.uniform(0.2, 0.4)), "pmax": pmax,
                      "ramp": max(1, round(pmax * rng.uniform(0.03, 0.12))), "cost": rng.uniform(15, 90)})
    capacity = sum(u["pmax"] for u in units)
    hours = p["intervals"] // 12 + 2
    shape = [0.55 + 0.45 * math.sin(math.pi * max(0.0, ((p["startHour"] + h) % 24) - 5) / 19) for h in range(hours)]
    forecast = [round(0.85 * capacity * s) for s in shape]
    schedule = [merit_order(units, load) for load in forecast]
    load, deviation = [], 0.0
    for k in range(p["intervals"]):
        h, f = divmod(k, 12)
        planned = forecast[h] + (forecast[h + 1] - forecast[h]) * f / 12
        deviation = 0.9 * deviation + rng.gauss(0.0, p["loadNoise"] * 0.85 * capacity)
        load.append(max(0, round(planned + deviation)))
    trip = rng.randint(p["intervals"] // 3, max(p["intervals"] // 3, 2 * p["intervals"] // 3 - 1)) if p["unitTrip"] else None
    return {"units": units, "forecast": forecast, "schedule": schedule, "load": load, "trip": trip, "outages": {},
            "first": p["startHour"] * 12}


def clock(interval):
    """The time of day an interval starts, HH:MM."""
    minutes = 5 * interval % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def whole_mw(value, what, rounded):
    """Round to whole MW (the dispatch is in whole MW), noting values that change."""
    whole = int(round(value))
    if abs(whole - value) > 1e-9:
        rounded.append(what)
    return whole


def load_system(data, p):
    """The system of the data's CSV files (see "Input data" above), in the form generate_system
    returns. Sets p["startHour"], p["intervals"] and p["generators"] to the window and units read."""
    number, whole = sandbox.number, sandbox.whole
    rows = data.read_table("units.csv", {"unit": str, "pmin_mw": number, "pmax_mw": number, "ramp_mw_min": number,
                                         "marginal_cost_eur_mwh": number}, {"technology": (str, "")}, unique=("unit",),
                           minimum={"ramp_mw_min": 0})
    forecast_rows = data.read_table("load_forecast.csv", {"hour": whole, "load_mw": number}, index="hour")
    realtime_rows = data.read_table("realtime_load.csv", {"interval": whole, "load_mw": number}, {"time": (str, None)},
                                    unique=("interval",), minimum={"load_mw": 0})
    outage_rows = data.read_table("outages.csv", {"unit": str, "interval": whole}, required=False)
    if not rows:
        raise ValueError("units.csv has no rows: it needs the online units")
    units, rounded, by_name = [], [], {}
    for row in rows:
        line = f"units.csv line {row['_line']}"
        pmin, pmax = (whole_mw(row[c], f"{row['unit']} {c}", rounded) for c in ("pmin_mw", "pmax_mw"))
        ramp = whole_mw(5 * row["ramp_mw_min"], f"{row['unit']} ramp", rounded)
        if not 0 <= pmin <= pmax:
            raise ValueError(f"{line}: need 0 <= pmin_mw <= pmax_mw, got {row['pmin_mw']} and {row['pmax_mw']}")
        by_name[row["unit"]] = len(units)
        units.append({"id": len(units), "name": row["unit"], "technology": row["technology"], "pmin": pmin,
                      "pmax": pmax, "ramp": ramp, "cost": row["marginal_cost_eur_mwh"]})
    forecast = [whole_mw(row["load_mw"], f"forecast hour {row['hour']}", rounded) for row in forecast_rows]
    if not forecast:
        raise ValueError("load_forecast.csv has no rows: it needs one load_mw for every hour 0, 1, ... (hour 0 = 00:00-01:00)")
    realtime = {}
    for row in realtime_rows:
        realtime[row["interval"]] = (whole_mw(row["load_mw"], f"interval {row['interval']}", rounded),
                                     row["time"] or clock(row["interval"]))
    first, end = min(realtime, default=0), max(realtime, default=-1) + 1
    if not realtime or first < 0 or len(realtime) != end - first or first % 12:
        raise ValueError("realtime_load.csv needs one load_mw for each of a run of consecutive intervals from the start "
                         "of an hour (interval 0 starts at 00:00, 12 at 01:00; 5 minutes each)")
    if rounded:
        log.warning("Rounded to whole MW (the model dispatches whole MW): %s%s", ", ".join(rounded[:5]),
                    f" and {len(rounded) - 5} more" if len(rounded) > 5 else "")
    start = 12 * p["startHour"] if "startHour" in sandbox.config else first
    if not first <= start < end:
        raise ValueError(f"config 'startHour' is {p['startHour']}, but realtime_load.csv has the intervals {first}-{end - 1} "
                         f"({realtime[first][1]} to {realtime[end - 1][1]})")
    intervals = p["intervals"] if "intervals" in sandbox.config else end - start
    if start + intervals > end:
        raise ValueError(f"config 'intervals' is {intervals} from interval {start}, but realtime_load.csv ends at "
                         f"interval {end - 1} ({realtime[end - 1][1]})")
    hourly = [forecast[min(start // 12 + h, len(forecast) - 1)] for h in range(intervals // 12 + 2)]
    outages = {}
    if outage_rows and not p["unitTrip"]:
        log.info("unitTrip is false: outages.csv ignored")
    for row in outage_rows or [] if p["unitTrip"] else []:
        if row["unit"] not in by_name:
            raise ValueError(f"outages.csv line {row['_line']}: unit {row['unit']!r} is not in units.csv")
        if start <= row["interval"] < start + intervals:
            outages.setdefault(row["interval"] - start, []).append(by_name[row["unit"]])
    p.update(startHour=start // 12, intervals=intervals, generators=len(units))
    return {"units": units, "forecast": hourly, "schedule": [merit_order(units, load) for load in hourly],
            "load": [realtime[start + k][0] for k in range(intervals)], "trip": None, "outages": outages,
            "first": start, "times": [realtime[start + k][1] for k in range(intervals)]}


def write_outputs(system, rows, tripped_at):
    """output/dispatch.csv and output/prices.csv (relative to the working directory)."""
    units, first = system["units"], system["first"]
    times = system.get("times") or [clock(first + k) for k in range(len(rows))]
    return [sandbox.write_csv("output/dispatch.csv", ["interval", "time", "unit", "output_mw", "reserve_mw", "day_ahead_mw",
                                                      "tripped"],
                              ([first + k, times[k], u["name"], row["output"][g], row["reserveMW"][g],
                                system["schedule"][k // 12][g], int(g in tripped_at and tripped_at[g] <= k)]
                               for k, row in enumerate(rows) for g, u in enumerate(units))),
            sandbox.write_csv("output/prices.csv", ["interval", "time", "load_mw", "price_eur_mwh", "reserve_price_eur_mw_h",
                                                    "unserved_mw", "excess_mw", "reserve_short_mw", "cost_eur"],
                              ([first + k, times[k], row["load"], row["price"], row["reservePrice"], row["unservedMW"],
                                row["excessMW"], row["reserveShortMW"], row["cost"]] for k, row in enumerate(rows)))]


def merit_order(units, load):
    """Day-ahead schedule: every unit at pmin, the rest of the load by rising cost."""
    output = [u["pmin"] for u in units]
    rest = load - sum(output)
    for u in sorted(units, key=lambda u: u["cost"]):
        add = max(0, min(u["pmax"] - u["pmin"], rest))
        output[u["id"]] += add
        rest -= add
    return output


def interval_limits(units, previous, tripped, reserve_steps):
    """Whole-MW output range, capacity and reserve capability of each unit this interval.

    Outputs are whole MW (the LP optimum is integral), so rounding the ramp window only
    removes floating-point noise."""
    lo, hi, cap, res = [], [], [], []
    for u in units:
        if u["id"] in tripped:
            lo.append(0), hi.append(0), cap.append(0), res.append(0)
            continue
        lo.append(max(u["pmin"], math.ceil(previous[u["id"]] - u["ramp"] - 1e-6)))
        hi.append(min(u["pmax"], math.floor(previous[u["id"]] + u["ramp"] + 1e-6)))
        cap.append(u["pmax"])
        res.append(math.floor(u["ramp"] * reserve_steps))  # whole MW keeps the LP optimum integral
    return lo, hi, cap, res


def dispatch_interval(p, units, load, reserve, lo, hi, cap, res):
    """One SCED interval as an LP. Columns: p'_g = p_g - lo_g, r_g, unserved, excess, shortfall."""
    n = len(units)
    su, ex, sh = 2 * n, 2 * n + 1, 2 * n + 2
    costs = [u["cost"] * DT for u in units] + [0.0] * n + [p["voll"] * DT, p["overGenPenalty"] * DT, p["reservePenalty"] * DT]
    rows = [(dict([(g, 1.0) for g in range(n)] + [(su, 1.0), (ex, -1.0)]), "=", load - sum(lo)),
            (dict([(n + g, 1.0) for g in range(n)] + [(sh, 1.0)]), ">=", reserve)]
    for g in range(n):
        rows.append(({g: 1.0, n + g: 1.0}, "<=", cap[g] - lo[g]))  # energy + reserve within pmax
        rows.append(({g: 1.0}, "<=", hi[g] - lo[g]))                 # ramp and limits
        rows.append(({n + g: 1.0}, "<=", res[g]))                    # reserve deliverable in time
    value, x, duals, pivots = solve_lp(costs, rows)
    value += sum(u["cost"] * DT * lo[g] for g, u in enumerate(units))
    output = [lo[g] + x[g] for g in range(n)]
    return value, output, x[su], x[ex], x[sh], duals[0] / DT, duals[1] / DT, pivots, x[n:2 * n]


def brute_force_interval(p, units, load, reserve, lo, hi, cap, res):
    """Self-check: try every whole-MW output vector; reserve, unserved and excess follow from it."""
    best = (math.inf, None)
    for output in itertools.product(*[range(lo[g], hi[g] + 1) for g in range(len(units))]):
        total = sum(output)
        spare = sum(min(cap[g] - output[g], res[g]) for g in range(len(units)))
        cost = DT * (sum(u["cost"] * output[g] for g, u in enumerate(units)) + p["voll"] * max(0, load - total)
                     + p["overGenPenalty"] * max(0, total - load) + p["reservePenalty"] * max(0, reserve - spare))
        if cost < best[0]:
            best = (cost, output)
    return best


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    p = sandbox.read_config(dict(CONFIG_DEFAULTS, writeFiles=True), MINIMUM)
    write_files = p.pop("writeFiles")
    log.info("RMO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    data = sandbox.find_data()
    money = "$"
    if data is None:
        sandbox.progress(0.0, "generating system data")
        system = generate_system(p)
    else:
        sandbox.progress(0.0, "reading system data")
        log.info("System data: %s", data)
        ignored = sorted(k for k in ("seed", "generators", "loadNoise") if k in sandbox.config)
        if ignored:
            log.info("Config %s only shape generated data: ignored", ", ".join(ignored))
        system = load_system(data, p)
        money = "EUR"
        log.info("%d units (%d MW), %d intervals from %s (load %d-%d MW), %d outages in the window",
                 len(system["units"]), sum(u["pmax"] for u in system["units"]), len(system["load"]), system["times"][0],
                 min(system["load"]), max(system["load"]), sum(map(len, system["outages"].values())))
    units, loads = system["units"], system["load"]
    previous = list(system["schedule"][0])  # real time starts from the day-ahead schedule
    brute_previous = list(previous)
    tripped, totals = set(), {"energy": 0.0, "unserved": 0.0, "excess": 0.0, "reserveShortfall": 0.0}
    brute_work = len(loads) * math.prod(min(u["pmax"] - u["pmin"], 2 * u["ramp"]) + 1 for u in units)
    brute_check = p["selfCheck"] and brute_work <= SELF_CHECK_LIMIT
    if p["selfCheck"] and not brute_check:
        log.warning("Self-check skipped: it would try %d output vectors (limit %d)", brute_work, SELF_CHECK_LIMIT)
    cumulative, brute_total, redispatch, rows, extras, tripped_at = 0.0, 0.0, 0.0, [], [], {}
    for k, load in enumerate(loads):
        victims = [max(range(len(units)), key=lambda g: previous[g])] if k == system["trip"] else []
        for victim in victims + system["outages"].get(k, []):
            if victim not in tripped:
                tripped.add(victim)
                tripped_at[victim] = k
                log.warning("Interval %d: unit %s trips while producing %.0f MW", k, units[victim]["name"], previous[victim])
        reserve = round(p["reserveFraction"] * load)
        limits = interval_limits(units, previous, tripped, p["reserveMinutes"] / 5.0)
        cost, output, unserved, excess, short, price, reserve_price, pivots, reserves = dispatch_interval(
            p, units, load, reserve, *limits)
        energy = DT * sum(u["cost"] * output[g] for g, u in enumerate(units))
        totals["energy"] += energy
        totals["unserved"] += DT * p["voll"] * unserved
        totals["excess"] += DT * p["overGenPenalty"] * excess
        totals["reserveShortfall"] += DT * p["reservePenalty"] * short
        cumulative += cost
        scheduled = system["schedule"][k // 12]
        redispatch += DT * sum(abs(output[g] - scheduled[g]) for g in range(len(units)))
        if unserved > 1e-6 or short > 1e-6:
            log.warning("Interval %d: load %d MW, unserved %.1f MW, reserve short %.1f of %d MW",
                        k, load, unserved, short, reserve)
        rows.append({"interval": k, "load": load, "price": round(price, 4) + 0.0, "reservePrice": round(reserve_price, 4) + 0.0,
                     "unservedMW": round(unserved, 4), "reserveShortMW": round(short, 4), "cost": round(cost, 4),
                     "output": [round(v, 3) for v in output], "pivots": pivots})
        extras.append({"excessMW": round(excess, 4), "reserveMW": [round(v, 3) + 0.0 for v in reserves]})
        log.debug("interval %d: load %d, price %.2f, cost %.2f, %d pivots", k, load, price, cost, pivots)
        sandbox.metric("objective", cumulative, step=k + 1)
        sandbox.metric("price", price, step=k + 1)
        sandbox.progress((k + 1) / len(loads), f"interval {k + 1} of {len(loads)}")
        if brute_check:
            brute_limits = interval_limits(units, brute_previous, tripped, p["reserveMinutes"] / 5.0)
            brute_cost, brute_previous = brute_force_interval(p, units, load, reserve, *brute_limits)
            brute_total += brute_cost
        previous = output

    day_ahead_cost = sum(DT * sum(u["cost"] * system["schedule"][k // 12][u["id"]] for u in units) for k in range(len(loads)))
    unserved_mwh = sum(r["unservedMW"] for r in rows) * DT
    short_intervals = sum(1 for r in rows if r["reserveShortMW"] > 1e-6)
    log.info("Total cost %.2f %s (day-ahead schedule %.2f %s); unserved %.2f MWh; reserve short in %d intervals",
             cumulative, money, day_ahead_cost, money, unserved_mwh, short_intervals)
    files = write_outputs(system, [dict(r, **e) for r, e in zip(rows, extras)], tripped_at) if write_files else []
    result = {"totalCost": cumulative, "costBreakdown": totals, "dayAheadScheduleCost": day_ahead_cost,
              "redispatchMWh": redispatch, "unservedEnergyMWh": unserved_mwh,
              "reserveShortfallIntervals": short_intervals,
              "maxReserveShortfallMW": max(r["reserveShortMW"] for r in rows),
              "trippedUnits": [units[g]["name"] for g in sorted(tripped)], "intervals": rows,
              "dataSource": data.reference() if data else None, "files": files}
    if p["selfCheck"] and not brute_check:
        result["selfCheck"] = {"objective": cumulative, "skipped": f"brute force would try {brute_work} output vectors"}
    elif brute_check:
        result["selfCheck"] = {"objective": cumulative, "bruteForceObjective": brute_total}
        log.info("Self-check: simplex %.6f, brute force %.6f", cumulative, brute_total)
    sandbox.result(result)
    log.info("RMO dispatch completed: %d intervals", len(rows))


if __name__ == "__main__":
    main()
