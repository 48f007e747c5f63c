"""The `sandbox` module's helpers for a model's plumbing: its config with defaults, its input files
and CSV tables in and out, so that a model shows its optimization rather than its file handling.

  params = sandbox.read_config(CONFIG_DEFAULTS, minimum={"hours": 1})
  data = sandbox.find_data()            # the job's data source, a local folder, or None
  if data is not None:
      log.info("Market data: %s", data)  # data source dmo-market v1 (bids.csv 1.6 KB, ...)
      bids = data.read_table("bids.csv", {"hour": sandbox.whole, "price_eur_mwh": sandbox.number},
                             optional={"step": (sandbox.whole, 0)}, unique=("hour", "step"))
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
    sources = api.data_sources or {}
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
