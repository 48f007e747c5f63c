"""The `sandbox` module's helpers for a model's plumbing: its config with defaults, its input files
and CSV tables in and out, so that a model shows its optimization rather than its file handling.

  params = sandbox.read_config(CONFIG_DEFAULTS, minimum={"hours": 1})
  data = sandbox.find_data()            # the job's data source, a local folder, or None
  if data is not None:
      log.info("Market data: %s", data)  # data source dmo-market v1 (bids.csv 1.6 KB, ...)
      sandbox.ignore_config(("seed", "generators"))  # logs those the config sets as ignored
      bids = data.read_table("bids.csv", {"hour": sandbox.whole, "price_eur_mwh": sandbox.number},
                             optional={"step": (sandbox.whole, 0)}, unique=("hour", "step"))
      market = sandbox.read_market(data)  # the day-ahead market files of models/README.md, checked
  files = [sandbox.write_csv("output/prices.csv", ["hour", "price_eur_mwh"], rows)]
  sandbox.result({..., "dataSource": data.reference() if data else None, "files": files})

A mistake in the config or the data raises ValueError (FileNotFoundError for a missing file or
folder) with a message that names the key, or the file, line and column, and says what was
expected.

In a job, the host's `sandbox` module runs this file in its own namespace the first time a model
uses one of these names. The same file is models/sandbox.py: there it is the `sandbox` module that
`import sandbox` finds when a model runs with plain python3 outside the sandbox, and it then also
stands in for what the host provides (below; the optional first argument is the config as JSON,
and the result is printed as JSON). A test keeps the two files identical.
"""

if "job_id" not in globals():  # plain python3, outside the sandbox: stand-ins for the host's API
    import json as _json
    import sys as _sys
    import uuid as _uuid

    job_id = "LOCAL_" + _uuid.uuid4().hex[:6]
    model_type = None
    config = _json.loads(_sys.argv[1]) if len(_sys.argv) > 1 else {}
    data_source_id = None
    data_source = None
    data_sources = {}

    def log(level, message):
        """Write a log line at DEBUG, INFO, WARNING or ERROR, here through `logging`."""
        import logging
        logging.log(logging.getLevelName(str(level).upper()), str(message))

    def progress(fraction, message=None):
        """Progress between 0 and 1: nobody watches it here."""

    def metric(name, value, step=None):
        """A named number: nobody collects it here."""

    def result(obj):
        """The job's result: printed here as one line of JSON on standard output."""
        print(_json.dumps(obj))


_DATA_KEYS = ("dataDir", "dataAlias")  # config keys of find_data, not parameters of the model


def _api():
    # This module as `import sandbox` gives it: in a job, data_source and config exist only once asked for.
    import sys
    return sys.modules[__name__]


def read_config(defaults, minimum=None, nullable=None):
    """The model's parameters: `defaults` (e.g. its CONFIG_DEFAULTS) overlaid with sandbox.config.

    A value must have its default's type: true or false for a bool, a whole number for an int, a
    number for a float, text for a str. `minimum` ({key: lowest value}) bounds numbers. `nullable`
    ({key: str or float}) gives the type of the keys whose default is None; they may be null too.
    A wrong value raises ValueError naming the key. A key not in `defaults` is ignored with a
    WARNING, except dataDir and dataAlias, which choose the input (see find_data).
    """
    minimum, nullable = minimum or {}, nullable or {}
    given = _api().config or {}
    for key in _DATA_KEYS:
        _data_option(given, key)
    params = dict(defaults)
    for key, value in given.items():
        if key in _DATA_KEYS:
            continue
        if key not in defaults:
            _api().log("WARNING", f"Ignoring unknown config key {key!r}")
            continue
        if (value is None and key in nullable) or (defaults[key] is None and key not in nullable):
            params[key] = value  # a key of default None and no given type takes any value
            continue
        kind = nullable[key] if defaults[key] is None else type(defaults[key])
        if kind is str:
            if not isinstance(value, str) or not value:
                raise ValueError(f"config {key!r} must be text{' or null' if key in nullable else ''}, got {value!r}")
        elif kind in (bool, int, float):
            if (kind is bool) != isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"config {key!r} must be {'true or false' if kind is bool else 'a number'}, got {value!r}")
            if kind is int and not float(value).is_integer():
                raise ValueError(f"config {key!r} must be a whole number, got {value!r}")
            value = kind(value)
            if key in minimum and value < minimum[key]:
                raise ValueError(f"config {key!r} must be at least {minimum[key]}, got {given[key]!r}")
        elif not isinstance(value, kind):
            raise ValueError(f"config {key!r} must be a {kind.__name__}, got {value!r}")
        params[key] = value
    return params


def _data_option(given, key):
    value = given.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"config {key!r} must be a folder or alias name, or null; got {value!r}")
    return value


def ignore_config(keys, why="only shape generated data"):
    """Logs at INFO which of `keys` the job's config sets, as ignored: e.g. the keys that only shape
    generated data, when the model reads a data source ("Config seed only shape generated data: ignored")."""
    given = sorted(key for key in keys if key in (_api().config or {}))
    if given:
        _api().log("INFO", f"Config {', '.join(given)} {why}: ignored")


def find_data():
    """Where the job's input files are: a DataFolder, or None when it has none (a model may then
    generate its data).

    In order: the job's data source (sandbox.data_source, its files under data/); one of
    sandbox.data_sources (files under data/<alias>): the one config "dataAlias" names, or the
    only one; outside the sandbox, the folder config "dataDir" names, or the environment
    variable MODEL_DATA_DIR. Several data sources and no dataAlias, an unknown alias or a folder
    that does not exist raise an error saying so.
    """
    import os
    api = _api()
    given = api.config or {}
    alias, folder = _data_option(given, "dataAlias"), _data_option(given, "dataDir")
    sources = {k: v for k, v in (api.data_sources or {}).items() if k != "upstream"}  # see upstream()
    source = api.data_source
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
        if folder:
            api.log("WARNING", f"Ignoring config 'dataDir' {folder!r}: the job has a data source")
        return DataFolder(dict(source, path=source.get("path") or "data"))
    folder = folder or os.environ.get("MODEL_DATA_DIR")
    if not folder:
        return None
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"data folder {folder!r} (config 'dataDir' or MODEL_DATA_DIR) does not exist "
                                f"(working directory {os.getcwd()})")
    files = [{"name": name, "size_bytes": os.path.getsize(os.path.join(folder, name))}
             for name in sorted(os.listdir(folder)) if os.path.isfile(os.path.join(folder, name))]
    return DataFolder({"id": None, "name": os.path.basename(os.path.normpath(folder)), "version": None,
                       "description": None, "path": folder, "files": files})


def upstream(file, column):
    """What the model before this one in a chain left (a DMO's prices for the RMO after it): the data
    source mounted as data/upstream (a schedule's dataSources {"upstream": "<what the previous
    schedule publishes>"}). Returns {"source", "file", "rows", "mean"} of one numeric column of one of
    its files, or None when the job has no upstream. find_data() never picks it."""
    found = (_api().data_sources or {}).get("upstream")
    if not found:
        return None
    folder = DataFolder(dict(found, path=found.get("path") or "data/upstream"))
    values = [row[column] for row in folder.read_table(file, {column: number})]
    return {"source": folder.reference(), "file": file, "rows": len(values),
            "mean": sum(values) / len(values) if values else None}


class DataFolder:
    """A folder of input files: a data source's (id, name, version, description, path, files as in
    sandbox.data_source) or, outside the sandbox, any folder (id and version None).
    str() names it and its files with their sizes, for the log."""

    def __init__(self, source):
        self.id, self.name, self.version = source.get("id"), source.get("name"), source.get("version")
        self.description, self.path, self.files = source.get("description"), source["path"], source.get("files") or []

    def __str__(self):
        def size(n):
            return "?" if n is None else f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB"
        files = ", ".join(f"{f.get('name')} {size(f.get('size_bytes'))}" for f in self.files)
        where = f"folder {self.path}" if self.id is None else f"data source {self.name} v{self.version}"
        return f"{where} ({files or 'no files'})"

    def reference(self):
        """What a result says about its input: {"id", "name", "version"}, and "path" for a folder."""
        reference = {"id": self.id, "name": self.name, "version": self.version}
        if self.id is None:
            reference["path"] = self.path
        return reference

    def read_table(self, name, columns, optional=None, **checks):
        """read_table(path, ...) of the file `name` in this folder."""
        import os
        return read_table(os.path.join(self.path, name), columns, optional, **checks)


def number(text):
    """A column type: a finite number (float)."""
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def whole(text):
    """A column type: a whole number (int); "3.0" is 3."""
    value = float(text)
    if not value.is_integer():
        raise ValueError("not a whole number")
    return int(value)


def read_table(path, columns, optional=None, *, required=True, minimum=None, unique=(), index=None):
    """The rows of a CSV file as dicts, each value converted by its column's type.

    columns   {column: type}: columns that must be there, every row filled. A type is number,
              whole, str or any function of the text.
    optional  {column: (type, default)}: columns that may be missing or empty.
    required  False: a missing file gives None instead of FileNotFoundError.
    minimum   {column: lowest value}, e.g. {"load_mw": 0}.
    unique    columns whose values no two rows may share, e.g. ("unit",).
    index     a whole-number column that numbers the rows 0, 1, 2, ..., each once (e.g. "hour" of
              a series by hour); the rows then come in its order.

    Column names are matched without case and surrounding blanks, other columns are ignored, a
    byte-order mark (Excel's) is dropped and blank lines are skipped. Each row also has "_line",
    its line number, for messages. A missing column, an empty or wrong value, a repeated key or a
    gap in the index raises ValueError naming the file, the line and the column.
    """
    import csv
    import os
    optional, minimum = optional or {}, minimum or {}
    name = os.path.basename(path)
    expected = ", ".join(list(columns) + [f"[{c}]" for c in optional])
    if not os.path.isfile(path):
        if not required:
            return None
        raise FileNotFoundError(f"the data has no {name} (looked for {path}); it needs a CSV file {name} "
                                f"with the columns {expected}")
    kinds = dict(columns, **{column: kind for column, (kind, _) in optional.items()})
    unique = tuple(unique) or ((index,) if index is not None else ())
    rows, seen = [], {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in columns if c not in header]
        if missing:
            raise ValueError(f"{name} has no column {', '.join(missing)}: expected the columns {expected} "
                             f"(found {', '.join(header) or 'no header line'})")
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            record = dict(zip(header, (v.strip() for v in values)))
            row = {"_line": line}
            for column, kind in kinds.items():
                text = record.get(column, "")
                if text == "" and column in optional:
                    row[column] = optional[column][1]
                    continue
                if text == "":
                    raise ValueError(f"{name} line {line}: column {column} is empty")
                try:
                    row[column] = kind(text)
                except ValueError as e:
                    what = {number: "a number", whole: "a whole number"}.get(kind)
                    raise ValueError(f"{name} line {line}: column {column} must be {what}, got {text!r}" if what
                                     else f"{name} line {line}: column {column}: {e} (got {text!r})") from None
                if column in minimum and row[column] < minimum[column]:
                    raise ValueError(f"{name} line {line}: column {column} must be at least {minimum[column]}, got {text!r}")
            if unique:
                key = tuple(row.get(c) for c in unique)
                if key in seen:
                    described = ", ".join(f"{c} {v!r}" if isinstance(v, str) else f"{c} {v}" for c, v in zip(unique, key))
                    raise ValueError(f"{name} line {line}: {described} is there twice (first on line {seen[key]})")
                seen[key] = line
            rows.append(row)
    if index is not None:
        rows.sort(key=lambda row: row[index])
        for k, row in enumerate(rows):
            if row[index] != k:
                raise ValueError(f"{name} needs one row for each {index} 0, 1, 2, ...: " + (
                    f"{index} {k} is missing" if row[index] > k else f"line {row['_line']} has {index} {row[index]}"))
    return rows


def write_csv(path, header, rows):
    """Writes a CSV file: the header, then each row (a list of values in the header's order).
    Creates the file's folder, e.g. output/, whose files a job leaves behind as its artifacts.
    Returns `path`, e.g. for the result's list of files."""
    import csv
    import os
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def read_market(data, hours=None):
    """The day-ahead market files of a DataFolder, read and checked (models/README.md, "Input files per
    model", DMO): offers.csv, bids.csv and, optional, load_forecast.csv, block_bids.csv and units.csv.
    `hours` keeps the first hours (a block ending after them is left out with a WARNING). Returns
    {"hours", "units": {unit: row} or None, "load": MW per hour (0 without the file), "offers": per hour
    [{unit, step, price, qty}], "bids": per hour [{step, price, qty}] (steps of 0 MW left out), "blocks":
    [{name, group (blocks of one group exclude each other), groupName, side ("bid" or "offer"), start,
    end (exclusive), qty, price}]}."""
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
    in_data = 1 + max(row["hour"] for row in offers + bids + (load or []))
    empty = sorted(set(range(in_data)) - {row["hour"] for row in offers})
    if empty:
        raise ValueError(f"offers.csv has no offer in hour {empty[0]} (of hours 0-{in_data - 1}): hours count from 0 "
                         f"(hour 0 = 00:00-01:00) and every hour needs offers")
    if hours is not None and hours > in_data:
        raise ValueError(f"config 'hours' is {hours}, but the data has {in_data} hours")
    cut, hours = hours is not None, in_data if hours is None else hours
    known = None if units is None else {row["unit"]: row for row in units}
    offered = {}  # MW per (unit, hour)
    for row in offers if known is not None else ():
        if row["unit"] not in known:
            raise ValueError(f"offers.csv line {row['_line']}: unit {row['unit']!r} is not in units.csv")
        offered[row["unit"], row["hour"]] = offered.get((row["unit"], row["hour"]), 0.0) + row["quantity_mw"]
    for (unit, hour), total in sorted(offered.items()):
        if total > known[unit]["pmax_mw"] + 1e-6:
            raise ValueError(f"offers.csv: unit {unit!r} offers {total:g} MW in hour {hour}, more than its pmax_mw "
                             f"{known[unit]['pmax_mw']:g} in units.csv")
    if load is not None and len(load) < hours:
        raise ValueError(f"load_forecast.csv has no load_mw for hour {len(load)}: it needs one row per hour 0-{hours - 1}")
    market = {"hours": hours, "units": known, "offers": [[] for _ in range(hours)], "bids": [[] for _ in range(hours)],
              "load": [row["load_mw"] for row in load[:hours]] if load is not None else [0.0] * hours, "blocks": []}
    for row in offers:
        if row["hour"] < hours and row["quantity_mw"] > 0:
            market["offers"][row["hour"]].append({"unit": row["unit"], "step": row["step"], "price": row["price_eur_mwh"],
                                                  "qty": row["quantity_mw"]})
    for row in bids:
        if row["hour"] < hours and row["quantity_mw"] > 0:
            market["bids"][row["hour"]].append({"step": row["step"], "price": row["price_eur_mwh"], "qty": row["quantity_mw"]})
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
            if not cut:
                raise ValueError(f"{line}: last_hour {row['last_hour']} is after the last hour of the offers ({hours - 1})")
            _api().log("WARNING", f"Block {row['block']} ends after hour {hours - 1}: left out")
            continue
        group = ("group", row["exclusive_group"]) if row["exclusive_group"] else ("block", row["block"])
        market["blocks"].append({"name": row["block"], "group": group, "groupName": row["exclusive_group"],
                                 "side": sides[row["side"].lower()], "start": row["first_hour"], "end": row["last_hour"] + 1,
                                 "qty": row["quantity_mw"], "price": row["limit_price_eur_mwh"]})
    return market
