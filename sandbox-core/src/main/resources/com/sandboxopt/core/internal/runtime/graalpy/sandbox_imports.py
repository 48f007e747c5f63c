# Runs once in every new context, before anything is imported for a job, and shapes what `import`
# reaches there:
# - sys.path is the standard library, then the read-only package folders; never the working
#   directory, so a file a job writes (a sitecustomize.py, a .pth, a json.py) is never imported.
# - A module that needs native code (a compiled extension, e.g. numpy's) fails with an ImportError
#   that names it and says why, instead of an obscure error from deep inside its package.
# - ctypes cannot work in the sandbox. It imports as a module whose attributes raise ImportError, so
#   packages that import it just in case (PuLP does) still load.
# - Right after certain modules are first imported, by the model or ahead of it, a callback adapts
#   them: `resource` (a job's "children" are its solves) and PuLP (solvers on the host).
# The function returns the import-hook registry that each job's setup adds its own callbacks to.


def __sandbox_init(package_paths_text, pulp_core, pulp_apis, pulp_resource):
    import sys
    from importlib import machinery

    package_paths = [path for path in package_paths_text.split("\n") if path]

    class AfterImport:
        """A meta path finder that runs a callback right after a module is first imported,
        whoever imports it, so that nothing needs to be imported ahead of the model for it."""

        def __init__(self):
            self.callbacks = {}

        def after(self, name, callback):
            if name in sys.modules:
                callback(sys.modules[name])
                return
            self.callbacks[name] = callback
            if self not in sys.meta_path:
                sys.meta_path.insert(0, self)

        def find_spec(self, name, path=None, target=None):
            callback = self.callbacks.pop(name, None)
            if callback is None:
                return None
            if not self.callbacks:
                sys.meta_path.remove(self)  # nothing left to wait for: imports no longer pass here
            spec = None
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                if finder is not self and find is not None:
                    spec = find(name, path, target)
                    if spec is not None:
                        break
            if spec is None or spec.loader is None:
                return spec
            spec.loader = CallbackLoader(spec.loader, callback)
            return spec

    class CallbackLoader:
        def __init__(self, loader, callback):
            self.loader = loader
            self.callback = callback

        def create_module(self, spec):
            return self.loader.create_module(spec)

        def exec_module(self, module):
            self.loader.exec_module(module)
            self.callback(module)

        def __getattr__(self, name):
            return getattr(self.loader, name)

    class NativeCodeLoader:
        """What a package folder's compiled extension module loads as: an ImportError saying so."""

        def __init__(self, name, path):
            self.name = name
            self.path = path

        def create_module(self, spec):
            raise ImportError(
                "%s needs native code (%s is a compiled extension module), which jobs in the GraalPy sandbox "
                "cannot load: only pure-Python packages work here" % (spec.name, self.path.rsplit("/", 1)[-1]),
                name=spec.name, path=self.path)

        def exec_module(self, module):
            pass

    native = set(machinery.EXTENSION_SUFFIXES) | {".so", ".pyd", ".abi3.so"}
    for minor in range(6, 16):
        for arch in ("x86_64", "aarch64"):
            native.add(".cpython-3%d-%s-linux-gnu.so" % (minor, arch))
    finder_for = machinery.FileFinder.path_hook(
        (NativeCodeLoader, sorted(native, key=len, reverse=True)),
        (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES),
        (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES))
    roots = tuple(path + "/" for path in package_paths)

    def package_folder_hook(path):
        # Only for the package folders and what is below them; the standard library keeps its finders.
        if path in package_paths or path.startswith(roots):
            return finder_for(path)
        raise ImportError("not a package folder")

    sys.path_hooks.insert(0, package_folder_hook)
    sys.path[:] = [entry for entry in sys.path if entry not in ("", ".")] + list(package_paths)

    class NoCtypes(type(sys)):
        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            raise ImportError("ctypes.%s is not available: ctypes needs native code, which the GraalPy sandbox "
                              "does not run" % name, name="ctypes")

    sys.modules["ctypes"] = NoCtypes("ctypes", "Not available in the sandbox.")

    hooks = AfterImport()
    hooks.after("resource", pulp_resource)
    hooks.after("pulp.apis.core", pulp_core)
    hooks.after("pulp.apis", pulp_apis)
    return hooks
