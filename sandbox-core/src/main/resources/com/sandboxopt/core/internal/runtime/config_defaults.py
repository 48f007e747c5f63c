# Reads a model's CONFIG_DEFAULTS without running any of it, for the source check at upload in both
# runtimes: the last top-level assignment of that name, when it is a literal dict with string keys that
# JSON can hold, read with ast.literal_eval. Returns JSON text, or None.


def __sandbox_config_defaults(source):
    import ast
    import json
    found = None
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
        if any(isinstance(t, ast.Name) and t.id == "CONFIG_DEFAULTS" for t in targets):
            found = node.value
    if found is None:
        return None
    try:
        value = ast.literal_eval(found)
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return json.dumps(value, allow_nan=False)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    return None
