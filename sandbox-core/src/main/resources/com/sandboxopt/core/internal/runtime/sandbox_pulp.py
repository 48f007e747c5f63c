# PuLP, unmodified, solving on the host through sandbox.solve, the same in both runtimes (on CPython when the
# sandbox has a solver; without one PuLP runs its own programs there). PuLP's files are never changed; the
# sandbox's import hooks call these right after PuLP's modules are first imported (by the model or ahead of
# it), and they adapt PuLP's classes in this interpreter only:
# - pulp.apis.core: PuLP looks for solver programs on PATH. The sandbox has no PATH and runs no
#   programs, so "not found" is the honest answer, which its lookup now gives instead of failing.
# - pulp.apis: the solvers a model may name become available and solve on the host: CBC for
#   PULP_CBC_CMD and COIN_CMD (and, with a log line saying so, for GLPK_CMD and COINMP_DLL), SCIP for
#   SCIP_CMD, HiGHS for HiGHS_CMD and HiGHS (added when this PuLP predates them). LpSolverDefault, what
#   prob.solve() uses, is PULP_CBC_CMD, PuLP's own default. Other solvers stay unavailable.
# - resource: a job's "children" include its solves, so RUSAGE_CHILDREN (which PuLP's clock reads) counts their
#   CPU time. GraalPy refuses RUSAGE_CHILDREN itself; there it is the solves alone.


def __sandbox_pulp_resource(resource):
    import sys
    getrusage = resource.getrusage

    def sandbox_getrusage(who):
        if who != resource.RUSAGE_CHILDREN:
            return getrusage(who)
        seconds = getattr(sys.modules.get("sandbox"), "_solver_cpu_seconds", 0.0)
        try:
            own = tuple(getrusage(who))
        except Exception:  # noqa: BLE001 - GraalPy: "invalid who parameter"
            own = (0.0, 0.0) + (0,) * 14
        return resource.struct_rusage((own[0] + seconds,) + own[1:])

    resource.getrusage = sandbox_getrusage


def __sandbox_pulp_core(core):
    core.LpSolver_CMD.executable = staticmethod(lambda command: False)


def __sandbox_pulp_apis(apis):
    import sys

    const = sys.modules["pulp.constants"]
    backends = {"PULP_CBC_CMD": "cbc", "COIN_CMD": "cbc", "COIN": "cbc", "COINMP_DLL": "cbc", "GLPK_CMD": "cbc",
                "PYGLPK": "cbc", "GLPK": "cbc", "SCIP_CMD": "scip", "SCIP_PY": "scip", "FSCIP_CMD": "scip",
                "HiGHS_CMD": "highs", "HiGHS": "highs"}
    stand_ins = {"COINMP_DLL", "GLPK_CMD", "PYGLPK", "GLPK"}
    statuses = {
        "optimal": (const.LpStatusOptimal, const.LpSolutionOptimal),
        # what PuLP's CBC reports when it stopped on its time limit with a solution
        "feasible": (const.LpStatusOptimal, const.LpSolutionIntegerFeasible),
        "not_solved": (const.LpStatusNotSolved, const.LpSolutionNoSolutionFound),
        "infeasible": (const.LpStatusInfeasible, const.LpSolutionInfeasible),
        "unbounded": (const.LpStatusUnbounded, const.LpSolutionUnbounded),
        "error": (const.LpStatusUndefined, const.LpSolutionNoSolutionFound),
    }
    senses = {const.LpConstraintLE: "<=", const.LpConstraintGE: ">=", const.LpConstraintEQ: "=="}
    handled = {"gapRel", "threads"}
    defaults = {"timeMode": "elapsed"}

    def options_of(solver, backend):
        settings = getattr(solver, "optionsDict", None) or {}
        ignored = ["%s=%r" % (key, value) for key, value in settings.items()
                   if key not in handled and value not in (None, False) and defaults.get(key) != value]
        if getattr(solver, "options", None):
            ignored.append("options=%r" % (solver.options,))
        if ignored:
            import sandbox
            sandbox.log("WARNING", "%s: %s not supported in the sandbox and ignored"
                        % (solver.name, ", ".join(ignored) + (" is" if len(ignored) == 1 else " are")))
        return {"solver": backend, "msg": bool(getattr(solver, "msg", True)), "mip": bool(getattr(solver, "mip", True)),
                "timeLimit": getattr(solver, "timeLimit", None), "gapRel": settings.get("gapRel"),
                "threads": settings.get("threads")}

    def problem_of(lp, options):
        variables = {v.name: {"lower": v.lowBound, "upper": v.upBound, "integer": v.cat == const.LpInteger}
                     for v in lp.variables()}
        objective = {}
        constant = 0
        if lp.objective is not None:
            objective = {v.name: coefficient for v, coefficient in lp.objective.items()}
            constant = lp.objective.constant
        constraints = {name: {"coefficients": {v.name: a for v, a in c.items()}, "sense": senses[c.sense],
                              "rhs": -c.constant}
                       for name, c in lp.constraints.items()}
        return {"name": lp.name or "problem", "sense": "maximize" if lp.sense == const.LpMaximize else "minimize",
                "variables": variables, "objective": objective, "objectiveConstant": constant,
                "constraints": constraints, "options": options}

    def routed(backend):
        def actualSolve(self, lp, callback=None, **kwargs):
            import sandbox
            if self.name in stand_ins:
                sandbox.log("WARNING", "%s is not available in the sandbox: solving with CBC instead" % self.name)
            lp.checkDuplicateVars()
            try:
                answer = sandbox.solve(problem_of(lp, options_of(self, backend)))
            except (ValueError, RuntimeError) as e:
                raise apis.PulpSolverError("Pulp: %s" % e) from None
            if answer["status"] == "error":
                sandbox.log("WARNING", "%s: %s" % (self.name, answer.get("message") or "the solver failed"))
            if answer["values"] is not None:
                lp.assignVarsVals(answer["values"])
            if answer["reducedCosts"] is not None:
                lp.assignVarsDj(answer["reducedCosts"])
            if answer["duals"] is not None:
                lp.assignConsPi(answer["duals"])
            if answer["activities"] is not None:
                lp.assignConsSlack(answer["activities"], activity=True)
            status, solution = statuses[answer["status"]]
            lp.assignStatus(status, solution)
            self.solution_time = answer["solveSeconds"]
            return status

        return actualSolve

    def missing_solver(name):
        # A solver of newer PuLP releases, so that models written for them run here too.
        def defaultPath(self):
            return name

        cls = type(name, (apis.LpSolver_CMD,), {"name": name, "defaultPath": defaultPath})
        setattr(apis, name, cls)
        apis._all_solvers.append(cls)
        return cls

    for name, backend in backends.items():
        cls = getattr(apis, name, None)
        if cls is None and name.startswith("HiGHS"):
            cls = missing_solver(name)
        if cls is None or cls.name != name:
            continue  # not in this PuLP, or an alias (COIN, GLPK) of a class routed under its own name
        cls.available = lambda self: True
        cls.actualSolve = routed(backend)
    apis.LpSolverDefault = apis.PULP_CBC_CMD()
