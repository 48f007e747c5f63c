"""Sample RMO model: real-time economic dispatch every 5 minutes with ramp limits and spinning reserve.

The system: the job's data source (models/data/rmo: units, the day-ahead forecast, the 5-minute load
and outages; MW rounded to whole MW), or else generated from `seed`: `generators` units with whole-MW
limits, 5-minute ramps and energy costs, an hourly forecast whose merit-order dispatch is the day-ahead
schedule, a real-time load drifting from it (AR(1)) and, with `unitTrip`, a unit tripping mid-window.

Each interval is re-dispatched like a real-time market (SCED): one LP, solved by the dense two-phase
simplex below (one interval = one iteration; the objective metric is the cumulative cost), dt = 5 min:
  minimize    dt * (sum_g cost_g * p_g + voll * unserved + overGenPenalty * excess + reservePenalty * short)
  subject to  sum_g p_g + unserved - excess = load                  (dual / dt: the energy price)
              sum_g r_g + short >= reserveFraction * load            (dual / dt: the reserve price)
              p_g + r_g <= pmax_g,  r_g <= ramp_g * reserveMinutes / 5,
              max(pmin_g, p_g' - ramp_g) <= p_g <= min(pmax_g, p_g' + ramp_g)   (p_g': the last interval's)
A tripped unit stays at 0. All data are whole MW and the matrix is totally unimodular, so an integer
optimum exists: selfCheck also tries every whole-MW output vector (at most 2 million in all).

Config: CONFIG_DEFAULTS (models/README.md); more `intervals` (288 = a day, ~0.25 s) or `generators` run
longer. Output: output/dispatch.csv and prices.csv by interval of the day; the result JSON is printed last.
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
    """Minimize costs . x subject to rows [({column: coefficient}, "<=" | ">=" | "=", rhs)], x >= 0: a dense
    two-phase tableau simplex, Dantzig's rule, then Bland's (which cannot cycle) after a run of degenerate
    pivots. Returns (objective, x, duals, pivots); duals[i]: the optimum's change per unit more of rows[i]'s rhs."""
    n, norm = len(costs), []
    for coeffs, sense, rhs in rows:  # make every rhs non-negative so the start basis is feasible
        sign = -1.0 if rhs < 0 else 1.0
        sense = {"<=": ">=", ">=": "<=", "=": "="}[sense] if sign < 0 else sense
        norm.append(({j: sign * a for j, a in coeffs.items()}, sense, sign * rhs, sign))
    first_art = n + sum(s != "=" for _, s, _, _ in norm)  # after the columns and the slacks
    width = first_art + sum(s != "<=" for _, s, _, _ in norm)
    tableau, basis, slack, art = [], [], n, first_art
    for coeffs, sense, rhs, _ in norm:  # a slack for each inequality; an artificial for each >= and =
        row = [0.0] * width + [float(rhs)]
        for j, a in coeffs.items():
            row[j] = float(a)
        if sense != "=":
            row[slack] = 1.0 if sense == "<=" else -1.0
            slack += 1
        if sense != "<=":
            row[art] = 1.0
            art += 1
        basis.append(slack - 1 if sense == "<=" else art - 1)  # the slack of a <=, else the artificial
        tableau.append(row)
    unit = list(basis)  # unit[i]: the column that started as row i's identity column

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
    for column, row in zip(basis, tableau):
        if column < n:
            x[column] = row[-1]
    return -objective[-1], x, [-objective[unit[i]] * norm[i][3] for i in range(len(rows))], pivots


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
            "first": p["startHour"] * 12, "times": [clock(p["startHour"] * 12 + k) for k in range(p["intervals"])]}


def clock(interval):
    """The time of day an interval starts, HH:MM."""
    minutes = 5 * interval % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def load_system(data, p):
    """The system in the data's files, as generate_system gives it; p takes the window and the units read."""
    log.info("System data: %s", data)
    sandbox.ignore_config(("seed", "generators", "loadNoise"))
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
    rounded = []  # what rounding to whole MW changed

    def whole_mw(value, what):
        if abs(int(round(value)) - value) > 1e-9:
            rounded.append(what)
        return int(round(value))

    units = []
    for row in rows:
        pmin, pmax = (whole_mw(row[c], f"{row['unit']} {c}") for c in ("pmin_mw", "pmax_mw"))
        ramp = whole_mw(5 * row["ramp_mw_min"], f"{row['unit']} ramp")
        if not 0 <= pmin <= pmax:
            raise ValueError(f"units.csv line {row['_line']}: need 0 <= pmin_mw <= pmax_mw, got {row['pmin_mw']} and "
                             f"{row['pmax_mw']}")
        units.append({"id": len(units), "name": row["unit"], "technology": row["technology"], "pmin": pmin,
                      "pmax": pmax, "ramp": ramp, "cost": row["marginal_cost_eur_mwh"]})
    forecast = [whole_mw(row["load_mw"], f"forecast hour {row['hour']}") for row in forecast_rows]
    if not forecast:
        raise ValueError("load_forecast.csv has no rows: it needs one load_mw for every hour 0, 1, ... (hour 0 = 00:00-01:00)")
    realtime = {row["interval"]: (whole_mw(row["load_mw"], f"interval {row['interval']}"),
                                  row["time"] or clock(row["interval"])) for row in realtime_rows}
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
    if outage_rows and not p["unitTrip"]:
        log.info("unitTrip is false: outages.csv ignored")
    by_name, outages = {u["name"]: u["id"] for u in units}, {}
    for row in outage_rows or [] if p["unitTrip"] else []:
        if row["unit"] not in by_name:
            raise ValueError(f"outages.csv line {row['_line']}: unit {row['unit']!r} is not in units.csv")
        if start <= row["interval"] < start + intervals:
            outages.setdefault(row["interval"] - start, []).append(by_name[row["unit"]])
    p.update(startHour=start // 12, intervals=intervals, generators=len(units))
    system = {"units": units, "forecast": hourly, "schedule": [merit_order(units, load) for load in hourly],
              "load": [realtime[start + k][0] for k in range(intervals)], "trip": None, "outages": outages,
              "first": start, "times": [realtime[start + k][1] for k in range(intervals)], "money": "EUR"}
    log.info("%d units (%d MW), %d intervals from %s (load %d-%d MW), %d outages in the window", len(units),
             sum(u["pmax"] for u in units), intervals, system["times"][0], min(system["load"]), max(system["load"]),
             sum(map(len, outages.values())))
    return system


def write_outputs(system, rows, tripped_at):
    """output/dispatch.csv and output/prices.csv."""
    units, first, times = system["units"], system["first"], system["times"]
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
    """Whole-MW output range, capacity and reserve capability of each unit this interval (outputs are whole
    MW, the LP optimum being integral, so rounding the ramp window only removes floating-point noise)."""
    up = {u["id"] for u in units} - set(tripped)  # a tripped unit has all four at 0
    return ([max(u["pmin"], math.ceil(previous[u["id"]] - u["ramp"] - 1e-6)) if u["id"] in up else 0 for u in units],
            [min(u["pmax"], math.floor(previous[u["id"]] + u["ramp"] + 1e-6)) if u["id"] in up else 0 for u in units],
            [u["pmax"] if u["id"] in up else 0 for u in units],
            [math.floor(u["ramp"] * reserve_steps) if u["id"] in up else 0 for u in units])  # whole MW: integral optimum


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


def brute_force_cost(p, system, tripped_at):
    """Self-check: each interval tries every whole-MW output vector within the ramp limits of its own last
    dispatch (reserve, unserved and excess follow from it), the units tripping as they did."""
    units, previous, total = system["units"], list(system["schedule"][0]), 0.0
    for k, load in enumerate(system["load"]):
        reserve = round(p["reserveFraction"] * load)
        lo, hi, cap, res = interval_limits(units, previous, {g for g, at in tripped_at.items() if at <= k},
                                           p["reserveMinutes"] / 5.0)
        best = (math.inf, None)
        for output in itertools.product(*[range(lo[g], hi[g] + 1) for g in range(len(units))]):
            spare = sum(min(cap[g] - output[g], res[g]) for g in range(len(units)))
            cost = DT * (sum(u["cost"] * output[g] for g, u in enumerate(units)) + p["voll"] * max(0, load - sum(output))
                         + p["overGenPenalty"] * max(0, sum(output) - load) + p["reservePenalty"] * max(0, reserve - spare))
            if cost < best[0]:
                best = (cost, output)
        total, previous = total + best[0], best[1]
    return total


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    p = sandbox.read_config(dict(CONFIG_DEFAULTS, writeFiles=True), MINIMUM)
    write_files = p.pop("writeFiles")
    log.info("RMO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    data = sandbox.find_data()
    sandbox.progress(0.0, "generating system data" if data is None else "reading system data")
    system = generate_system(p) if data is None else load_system(data, p)
    units, loads, money, schedule = system["units"], system["load"], system.get("money", "$"), system["schedule"]
    previous = list(schedule[0])  # real time starts from the day-ahead schedule
    brute_work = len(loads) * math.prod(min(u["pmax"] - u["pmin"], 2 * u["ramp"]) + 1 for u in units)
    if p["selfCheck"] and brute_work > SELF_CHECK_LIMIT:
        log.warning("Self-check skipped: it would try %d output vectors (limit %d)", brute_work, SELF_CHECK_LIMIT)
    totals = {"energy": 0.0, "unserved": 0.0, "excess": 0.0, "reserveShortfall": 0.0}
    cumulative, redispatch, rows, extras, tripped_at = 0.0, 0.0, [], [], {}
    for k, load in enumerate(loads):
        victims = [max(range(len(units)), key=lambda g: previous[g])] if k == system["trip"] else []
        for victim in victims + system["outages"].get(k, []):
            if victim not in tripped_at:
                tripped_at[victim] = k
                log.warning("Interval %d: unit %s trips while producing %.0f MW", k, units[victim]["name"], previous[victim])
        reserve = round(p["reserveFraction"] * load)
        cost, output, unserved, excess, short, price, reserve_price, pivots, reserves = dispatch_interval(
            p, units, load, reserve, *interval_limits(units, previous, tripped_at, p["reserveMinutes"] / 5.0))
        totals["energy"] += DT * sum(u["cost"] * output[g] for g, u in enumerate(units))
        totals["unserved"] += DT * p["voll"] * unserved
        totals["excess"] += DT * p["overGenPenalty"] * excess
        totals["reserveShortfall"] += DT * p["reservePenalty"] * short
        cumulative += cost
        redispatch += DT * sum(abs(output[g] - schedule[k // 12][g]) for g in range(len(units)))
        if unserved > 1e-6 or short > 1e-6:
            log.warning("Interval %d: load %d MW, unserved %.1f MW, reserve short %.1f of %d MW",
                        k, load, unserved, short, reserve)
        rows.append({"interval": k, "load": load, "price": round(price, 4) + 0.0, "reservePrice": round(reserve_price, 4) + 0.0,
                     "unservedMW": round(unserved, 4), "reserveShortMW": round(short, 4), "cost": round(cost, 4),
                     "output": [round(v, 3) for v in output], "pivots": pivots})
        extras.append({"excessMW": round(excess, 4), "reserveMW": [round(v, 3) + 0.0 for v in reserves]})
        sandbox.metric("objective", cumulative, step=k + 1)
        sandbox.metric("price", price, step=k + 1)
        sandbox.progress((k + 1) / len(loads), f"interval {k + 1} of {len(loads)}")
        previous = output

    day_ahead_cost = sum(DT * sum(u["cost"] * schedule[k // 12][u["id"]] for u in units) for k in range(len(loads)))
    unserved_mwh = sum(r["unservedMW"] for r in rows) * DT
    short_intervals = sum(1 for r in rows if r["reserveShortMW"] > 1e-6)
    log.info("Total cost %.2f %s (day-ahead schedule %.2f %s); unserved %.2f MWh; reserve short in %d intervals",
             cumulative, money, day_ahead_cost, money, unserved_mwh, short_intervals)
    files = write_outputs(system, [dict(r, **e) for r, e in zip(rows, extras)], tripped_at) if write_files else []
    result = {"totalCost": cumulative, "costBreakdown": totals, "dayAheadScheduleCost": day_ahead_cost,
              "redispatchMWh": redispatch, "unservedEnergyMWh": unserved_mwh, "reserveShortfallIntervals": short_intervals,
              "maxReserveShortfallMW": max(r["reserveShortMW"] for r in rows),
              "trippedUnits": [units[g]["name"] for g in sorted(tripped_at)], "intervals": rows,
              "dataSource": data.reference() if data else None, "files": files}
    day_ahead = sandbox.upstream("prices.csv", "price_eur_mwh")  # the DMO's clearing prices, in a chain
    if day_ahead:
        result["upstream"] = day_ahead
        log.info("Day-ahead prices from %s v%s: mean %.2f", day_ahead["source"]["name"], day_ahead["source"]["version"],
                 day_ahead["mean"])
    if p["selfCheck"] and brute_work > SELF_CHECK_LIMIT:
        result["selfCheck"] = {"objective": cumulative, "skipped": f"brute force would try {brute_work} output vectors"}
    elif p["selfCheck"]:
        brute = brute_force_cost(p, system, tripped_at)
        result["selfCheck"] = {"objective": cumulative, "bruteForceObjective": brute}
        log.info("Self-check: simplex %.6f, brute force %.6f", cumulative, brute)
    sandbox.result(result)
    log.info("RMO dispatch completed: %d intervals", len(rows))


if __name__ == "__main__":
    main()
