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
  writeFiles [true]       write output/dispatch.csv and output/prices.csv
  dataDir [null]          locally: read the CSV files from this folder (or the MODEL_DATA_DIR
                          environment variable), e.g. "models/data/rmo"
  dataAlias [null]        with several data sources (sandbox.data_sources): the alias to read

Input data (a data source's files under data/, e.g. models/data/rmo; MW, EUR/MWh; column names
without case, other columns ignored). The model dispatches whole MW, so MW values are rounded:
  units.csv          unit, pmin_mw, pmax_mw, ramp_mw_min (MW per minute, up and down),
                     marginal_cost_eur_mwh, [technology]: the online units
  load_forecast.csv  hour, load_mw: the day-ahead forecast (hours 0-23, hour 0 = 00:00-01:00);
                     the day-ahead schedule is its merit-order dispatch
  realtime_load.csv  interval, load_mw, [time]: the 5-minute load of consecutive intervals of the
                     day (interval 0 starts at 00:00, 72 at 06:00), all units online throughout
  outages.csv        unit, interval: forced outages, the unit trips at that interval; optional
With data the window starts at startHour (default: the first interval of realtime_load.csv) and
has `intervals` intervals (default: the rest of the file). Trips come from outages.csv
(unitTrip false ignores them); seed, generators and loadNoise only shape generated data.

Output files (also for generated data; relative to the working directory):
  output/dispatch.csv  interval, time, unit, output_mw, reserve_mw, day_ahead_mw, tripped (1 or 0)
  output/prices.csv    interval, time, load_mw, price_eur_mwh, reserve_price_eur_mw_h, unserved_mw,
                       excess_mw, reserve_short_mw, cost_eur
  (interval: of the day, 0 = 00:00, as in realtime_load.csv; the result's "intervals" count from
  the window's start)
The result's "dataSource" is {"id", "name", "version"} of the data source read, or null.
"""
import csv
import itertools
import json
import logging
import math
import os
import random
import sys

try:
    import sandbox
except ImportError:  # plain CPython: a stand-in so the model runs locally (an optional argv[1] is the config JSON)
    import types, uuid
    sandbox = types.SimpleNamespace(job_id="LOCAL_" + uuid.uuid4().hex[:6], model_type="RMO", data_source_id=None,
        data_source=None, data_sources={},  # locally, config "dataDir" (or MODEL_DATA_DIR) names a folder of input files
        config=json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}, log=lambda level, msg: logging.log(logging.getLevelName(level), msg),
        progress=lambda f, m=None: None, metric=lambda n, v, step=None: None, result=lambda obj: print(json.dumps(obj)))

log = logging.getLogger("rmo")
DT = 5.0 / 60.0  # hours per interval
SELF_CHECK_LIMIT = 2_000_000  # output vectors the brute force may try
CONFIG_DEFAULTS = {"seed": 42, "generators": 8, "intervals": 24, "startHour": 6, "reserveFraction": 0.07,
                   "reserveMinutes": 10, "loadNoise": 0.01, "unitTrip": True, "voll": 3000.0,
                   "reservePenalty": 500.0, "overGenPenalty": 200.0, "selfCheck": False}
MINIMUM = {"generators": 1, "intervals": 1, "startHour": 0, "reserveFraction": 0.0, "reserveMinutes": 0,
           "loadNoise": 0.0, "voll": 0.0, "reservePenalty": 0.0, "overGenPenalty": 0.0}


def read_config(raw):
    """Defaults overlaid with sandbox.config; wrong types or ranges fail loudly."""
    params = dict(CONFIG_DEFAULTS)
    for key, value in raw.items():
        if key not in CONFIG_DEFAULTS:
            log.warning("Ignoring unknown config key %r", key)
            continue
        default = CONFIG_DEFAULTS[key]
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "true or false" if isinstance(default, bool) else "a number"
            raise ValueError(f"config {key!r} must be {kind}, got {value!r}")
        if isinstance(default, int) and not isinstance(default, bool) and value != int(value):
            raise ValueError(f"config {key!r} must be a whole number, got {value!r}")
        params[key] = type(default)(value)
        if key in MINIMUM and params[key] < MINIMUM[key]:
            raise ValueError(f"config {key!r} must be at least {MINIMUM[key]}, got {value!r}")
    return params


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


# --- input data: a data source, a local folder or none (this block is the same in every sample model) ---
DATA_OPTIONS = ("dataDir", "dataAlias")  # config keys that choose the input, not parameters of the model


def split_data_options(raw):
    """Take dataDir and dataAlias out of the config: ({key: value or None}, the other keys)."""
    rest, options = dict(raw), {}
    for key in DATA_OPTIONS:
        value = rest.pop(key, None)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ValueError(f"config {key!r} must be a folder or alias name, or null; got {value!r}")
        options[key] = value
    return options, rest


def find_data(options):
    """(folder, description) of the input files, or (None, None) to generate the data.

    The job's data source (sandbox.data_source, files under data/) comes first; one of
    sandbox.data_sources (alias -> data/<alias>) when the config's dataAlias names it or the job
    has just one; locally, the folder in config dataDir or in the MODEL_DATA_DIR variable."""
    sources = getattr(sandbox, "data_sources", None) or {}
    source = getattr(sandbox, "data_source", None)
    alias = options["dataAlias"]
    if alias is not None:
        if alias not in sources:
            raise ValueError(f"config 'dataAlias' is {alias!r}, but the job's data sources are "
                             f"{', '.join(sorted(sources)) or 'none'}")
        source = dict(sources[alias], path=sources[alias].get("path") or "data/" + alias)
    elif not source and len(sources) > 1:
        raise ValueError(f"the job has the data sources {', '.join(sorted(sources))}: "
                         "set config 'dataAlias' to the one to read")
    elif not source and sources:
        alias, found = next(iter(sources.items()))
        source = dict(found, path=found.get("path") or "data/" + alias)
    if source:
        if options["dataDir"]:
            log.warning("Ignoring config 'dataDir' %r: the job has a data source", options["dataDir"])
        return source.get("path") or "data", source
    folder = options["dataDir"] or os.environ.get("MODEL_DATA_DIR")
    if not folder:
        return None, None
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"data folder {folder!r} (config 'dataDir' or MODEL_DATA_DIR) does not exist "
                                f"(working directory {os.getcwd()})")
    files = [{"name": name, "size_bytes": os.path.getsize(os.path.join(folder, name))}
             for name in sorted(os.listdir(folder)) if os.path.isfile(os.path.join(folder, name))]
    return folder, {"id": None, "name": os.path.basename(os.path.normpath(folder)), "version": None,
                    "description": None, "path": folder, "files": files}


def describe_data(source):
    """One line naming the data and its files with their sizes."""
    def size(n):
        return "?" if n is None else f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB"
    files = ", ".join(f"{f.get('name')} {size(f.get('size_bytes'))}" for f in source.get("files") or [])
    where = (f"folder {source['path']}" if source.get("id") is None
             else f"data source {source.get('name')} v{source.get('version')}")
    return f"{where} ({files or 'no files'})"


def data_reference(source):
    """What the result says about the input: None for generated data."""
    if source is None:
        return None
    reference = {key: source.get(key) for key in ("id", "name", "version")}
    if source.get("id") is None:
        reference["path"] = source.get("path")
    return reference


def as_number(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def as_whole(text):
    value = float(text)
    if value != int(value):
        raise ValueError("not a whole number")
    return int(value)


def read_table(folder, name, columns, optional=None, required=True):
    """The rows of CSV file `name` as dicts, each value converted by its column's type.

    columns: {column: type} that must be there; optional: {column: (type, default)} that may be
    missing or empty. Types: as_number, as_whole or str. Column names are matched without case
    and surrounding blanks; other columns are ignored. Each row also gets "_line" (its line
    number) for messages. A file that is not there gives None unless `required`."""
    optional = optional or {}
    path = os.path.join(folder, name)
    expected = ", ".join(list(columns) + [f"[{c}]" for c in optional])
    if not os.path.isfile(path):
        if not required:
            return None
        raise FileNotFoundError(f"the data has no {name} (looked for {path}); it needs a CSV file {name} "
                                f"with the columns {expected}")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in columns if c not in header]
        if missing:
            raise ValueError(f"{name} has no column {', '.join(missing)}: expected the columns {expected} "
                             f"(found {', '.join(header) or 'no header line'})")
        rows = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            record = dict(zip(header, (v.strip() for v in values)))
            row = {"_line": number}
            for column, kind in list(columns.items()) + [(c, t) for c, (t, _) in optional.items()]:
                text = record.get(column, "")
                if text == "" and column in optional:
                    row[column] = optional[column][1]
                    continue
                if text == "":
                    raise ValueError(f"{name} line {number}: column {column} is empty")
                try:
                    row[column] = kind(text)
                except ValueError:
                    what = {as_number: "a number", as_whole: "a whole number"}.get(kind, "text")
                    raise ValueError(f"{name} line {number}: column {column} must be {what}, got {text!r}") from None
            rows.append(row)
    return rows
# --- end of the input data block ---


def whole_mw(value, what, rounded):
    """Round to whole MW (the dispatch is in whole MW), noting values that change."""
    whole = int(round(value))
    if abs(whole - value) > 1e-9:
        rounded.append(what)
    return whole


def load_system(folder, p, raw):
    """The system of the CSV files in `folder` (see "Input data" above), in the form generate_system
    returns. Sets p["startHour"], p["intervals"] and p["generators"] to the window and units read."""
    rows = read_table(folder, "units.csv", {"unit": str, "pmin_mw": as_number, "pmax_mw": as_number,
                                            "ramp_mw_min": as_number, "marginal_cost_eur_mwh": as_number},
                      {"technology": (str, "")})
    forecast_rows = read_table(folder, "load_forecast.csv", {"hour": as_whole, "load_mw": as_number})
    realtime_rows = read_table(folder, "realtime_load.csv", {"interval": as_whole, "load_mw": as_number},
                               {"time": (str, None)})
    outage_rows = read_table(folder, "outages.csv", {"unit": str, "interval": as_whole}, required=False)
    if not rows:
        raise ValueError("units.csv has no rows: it needs the online units")
    units, rounded, by_name = [], [], {}
    for row in rows:
        line = f"units.csv line {row['_line']}"
        if row["unit"] in by_name:
            raise ValueError(f"{line}: unit {row['unit']!r} is listed twice")
        pmin, pmax = (whole_mw(row[c], f"{row['unit']} {c}", rounded) for c in ("pmin_mw", "pmax_mw"))
        ramp = whole_mw(5 * row["ramp_mw_min"], f"{row['unit']} ramp", rounded)
        if not 0 <= pmin <= pmax:
            raise ValueError(f"{line}: need 0 <= pmin_mw <= pmax_mw, got {row['pmin_mw']} and {row['pmax_mw']}")
        if ramp < 0:
            raise ValueError(f"{line}: ramp_mw_min must not be negative, got {row['ramp_mw_min']}")
        by_name[row["unit"]] = len(units)
        units.append({"id": len(units), "name": row["unit"], "technology": row["technology"], "pmin": pmin,
                      "pmax": pmax, "ramp": ramp, "cost": row["marginal_cost_eur_mwh"]})
    forecast = {}
    for row in forecast_rows:
        if row["hour"] in forecast:
            raise ValueError(f"load_forecast.csv line {row['_line']}: hour {row['hour']} is there twice")
        forecast[row["hour"]] = whole_mw(row["load_mw"], f"forecast hour {row['hour']}", rounded)
    missing = [h for h in range(max(forecast, default=-1) + 1) if h not in forecast]
    if not forecast or missing or min(forecast) < 0:
        raise ValueError("load_forecast.csv needs one load_mw for every hour 0, 1, ... (hour 0 = 00:00-01:00)"
                         + (f": hour {missing[0]} is missing" if missing else ""))
    realtime = {}
    for row in realtime_rows:
        if row["interval"] in realtime:
            raise ValueError(f"realtime_load.csv line {row['_line']}: interval {row['interval']} is there twice")
        if row["load_mw"] < 0:
            raise ValueError(f"realtime_load.csv line {row['_line']}: load_mw must not be negative")
        realtime[row["interval"]] = (whole_mw(row["load_mw"], f"interval {row['interval']}", rounded),
                                     row["time"] or clock(row["interval"]))
    first, end = min(realtime, default=0), max(realtime, default=-1) + 1
    if not realtime or first < 0 or len(realtime) != end - first or first % 12:
        raise ValueError("realtime_load.csv needs one load_mw for each of a run of consecutive intervals from the start "
                         "of an hour (interval 0 starts at 00:00, 12 at 01:00; 5 minutes each)")
    if rounded:
        log.warning("Rounded to whole MW (the model dispatches whole MW): %s%s", ", ".join(rounded[:5]),
                    f" and {len(rounded) - 5} more" if len(rounded) > 5 else "")
    start = 12 * p["startHour"] if "startHour" in raw else first
    if not first <= start < end:
        raise ValueError(f"config 'startHour' is {p['startHour']}, but realtime_load.csv has the intervals {first}-{end - 1} "
                         f"({realtime[first][1]} to {realtime[end - 1][1]})")
    intervals = p["intervals"] if "intervals" in raw else end - start
    if start + intervals > end:
        raise ValueError(f"config 'intervals' is {intervals} from interval {start}, but realtime_load.csv ends at "
                         f"interval {end - 1} ({realtime[end - 1][1]})")
    last = max(forecast)
    hourly = [forecast[min(start // 12 + h, last)] for h in range(intervals // 12 + 2)]
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
    os.makedirs("output", exist_ok=True)
    units, first = system["units"], system["first"]
    times = system.get("times") or [clock(first + k) for k in range(len(rows))]
    with open(os.path.join("output", "dispatch.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["interval", "time", "unit", "output_mw", "reserve_mw", "day_ahead_mw", "tripped"])
        for k, row in enumerate(rows):
            scheduled = system["schedule"][k // 12]
            for g, u in enumerate(units):
                out.writerow([first + k, times[k], u["name"], row["output"][g], row["reserveMW"][g],
                              scheduled[g], int(g in tripped_at and tripped_at[g] <= k)])
    with open(os.path.join("output", "prices.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["interval", "time", "load_mw", "price_eur_mwh", "reserve_price_eur_mw_h", "unserved_mw",
                      "excess_mw", "reserve_short_mw", "cost_eur"])
        for k, row in enumerate(rows):
            out.writerow([first + k, times[k], row["load"], row["price"], row["reservePrice"],
                          row["unservedMW"], row["excessMW"], row["reserveShortMW"], row["cost"]])
    return ["output/dispatch.csv", "output/prices.csv"]


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
    data_options, raw = split_data_options(dict(sandbox.config or {}))
    write_files = raw.pop("writeFiles", True)
    if not isinstance(write_files, bool):
        raise ValueError(f"config 'writeFiles' must be true or false, got {write_files!r}")
    p = read_config(raw)
    log.info("RMO job %s starting with %s", sandbox.job_id, json.dumps(p, sort_keys=True))
    folder, source = find_data(data_options)
    money = "$"
    if folder is None:
        sandbox.progress(0.0, "generating system data")
        system = generate_system(p)
    else:
        sandbox.progress(0.0, "reading system data")
        log.info("System data: %s", describe_data(source))
        ignored = sorted(k for k in ("seed", "generators", "loadNoise") if k in raw)
        if ignored:
            log.info("Config %s only shape generated data: ignored", ", ".join(ignored))
        system = load_system(folder, p, raw)
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
              "dataSource": data_reference(source), "files": files}
    if p["selfCheck"] and not brute_check:
        result["selfCheck"] = {"objective": cumulative, "skipped": f"brute force would try {brute_work} output vectors"}
    elif brute_check:
        result["selfCheck"] = {"objective": cumulative, "bruteForceObjective": brute_total}
        log.info("Self-check: simplex %.6f, brute force %.6f", cumulative, brute_total)
    sandbox.result(result)
    log.info("RMO dispatch completed: %d intervals", len(rows))


if __name__ == "__main__":
    main()
