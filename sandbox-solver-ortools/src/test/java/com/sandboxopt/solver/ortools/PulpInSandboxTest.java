package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.RuntimeKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Unmodified PuLP in either runtime's sandbox, solving on the host through OR-Tools: what a PuLP user reads works as under plain CPython. */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class PulpInSandboxTest {
    @Parameter
    RuntimeKind runtime;

    List<String> run(String... lines) {
        return PulpSandbox.linesOfSuccess(runtime, lines);
    }

    @Test
    void anLpSolvedWithPulpsDefaultGivesValuesDualsReducedCostsAndSlacks() {
        assertThat(run(PulpModels.SMALL_LP,
                "status = prob.solve()",
                "print(status, pulp.LpStatus[prob.status], prob.sol_status, pulp.value(prob.objective))",
                "print(x.varValue, y.varValue, x.dj, y.dj)",
                "print({n: (c.pi, c.slack) for n, c in prob.constraints.items()})",
                "print(type(prob.solver).__name__, prob.solutionTime >= 0)"))
                .containsSubsequence("1 Optimal 1 5.0", "5.0 0.0 0.0 2.0",
                        "{'demand': (1.0, -0.0), 'cap': (0.0, 3.0)}", "PULP_CBC_CMD True");
    }

    @Test
    void aMilpIsSolvedToItsOptimumAndItsDualsAreNone() {
        assertThat(run(PulpModels.SMALL_MILP,
                "prob.solve(PULP_CBC_CMD(msg=0, timeLimit=10))",
                "print(LpStatus[prob.status], value(prob.objective), [v.varValue for v in (a, b, c)])",
                "print([c.pi for c in prob.constraints.values()], a.dj)"))
                .containsExactly("Optimal 13.0 [2.0, 0.0, 1.0]", "[None, None, None] None");
    }

    @Test
    void mipFalseSolvesTheRelaxation() {
        assertThat(run(
                "from pulp import *",
                "prob = LpProblem('half', LpMaximize)",
                "x, y = LpVariable('x', 0, 10, cat='Integer'), LpVariable('y', 0, 10, cat='Integer')",
                "prob += x + y",
                "prob += 2 * x + 2 * y <= 3, 'half'",
                "prob.solve(PULP_CBC_CMD(msg=0, mip=False))",
                "print(LpStatus[prob.status], value(prob.objective), prob.constraints['half'].pi)",
                "prob.solve(PULP_CBC_CMD(msg=0))",
                "print(LpStatus[prob.status], value(prob.objective))"))
                .containsExactly("Optimal 1.5 0.5", "Optimal 1.0");
    }

    @Test
    void infeasibleAndUnboundedComeBackAsPulpStatuses() {
        assertThat(run(
                "import pulp",
                "for cat in ('Continuous', 'Integer'):",
                "    p = pulp.LpProblem('infeasible')",
                "    x = pulp.LpVariable('x', 0, cat=cat)",
                "    p += x",
                "    p += x <= 1, 'low'",
                "    p += x >= 2, 'high'",
                "    print(cat, pulp.LpStatus[p.solve(pulp.PULP_CBC_CMD(msg=0))], p.sol_status, x.varValue)",
                "p = pulp.LpProblem('unbounded', pulp.LpMaximize)",
                "x = pulp.LpVariable('x', 0)",
                "y = pulp.LpVariable('y', 0)",
                "p += x + y",
                "p += x - y <= 1",
                "print('lp', pulp.LpStatus[p.solve(pulp.PULP_CBC_CMD(msg=0))], p.sol_status)"))
                .containsExactly("Continuous Infeasible -1 None", "Integer Infeasible -1 None", "lp Unbounded -2");
    }

    @Test
    void numericalTroubleIsPulpsUndefinedStatusWithALineSayingWhy() {
        List<String> lines = run(
                "import pulp",
                "p = pulp.LpProblem('broken')",
                "x = pulp.LpVariable('x', 0, 10)",
                "p += x",
                "p += 1e30 * x >= 1, 'huge'",
                "print('status', pulp.LpStatus[p.solve(pulp.PULP_CBC_CMD(msg=0))], x.varValue)");

        assertThat(lines).contains("status Undefined None")
                .contains("PULP_CBC_CMD: the solver stopped abnormally (numerical trouble)");
    }

    @Test
    void aTimeLimitReportsWhatPulpsCbcReports() {
        assertThat(run(PulpModels.HARD_KNAPSACK,
                "prob.solve(pulp.PULP_CBC_CMD(msg=0, timeLimit=2))",
                "print('with a solution:', pulp.LpStatus[prob.status], prob.sol_status, pulp.value(prob.objective) > 0)",
                PulpModels.MARKET_SPLIT,
                "prob.solve(pulp.PULP_CBC_CMD(msg=0, timeLimit=1))",
                "print('without:', pulp.LpStatus[prob.status], prob.sol_status)"))
                .containsExactly("with a solution: Optimal 2 True", "without: Not Solved 0");
    }

    @Test
    void eachSolverNameSolvesOnItsBackendAndGlpkSaysItUsesCbc() {
        List<String> lines = run(PulpModels.SMALL_MILP,
                "names = ['PULP_CBC_CMD', 'COIN_CMD', 'HiGHS_CMD', 'SCIP_CMD', 'GLPK_CMD']",
                "for name in names:",
                "    prob.solve(getSolver(name, msg=True))",
                "    print('SOLVED', name, LpStatus[prob.status], value(prob.objective))",
                "prob.solve(COIN_CMD(msg=1, gapRel=0.5, threads=1))",
                "print('SOLVED COIN_CMD(gapRel)', LpStatus[prob.status])",
                "print(sorted(listSolvers(onlyAvailable=True)))");

        assertThat(lines).filteredOn(line -> line.startsWith("SOLVED")).containsExactly(
                "SOLVED PULP_CBC_CMD Optimal 13.0", "SOLVED COIN_CMD Optimal 13.0", "SOLVED HiGHS_CMD Optimal 13.0",
                "SOLVED SCIP_CMD Optimal 13.0", "SOLVED GLPK_CMD Optimal 13.0", "SOLVED COIN_CMD(gapRel) Optimal");
        assertThat(lines).filteredOn(line -> line.startsWith("Solving 'knap' with")).extracting(line -> line.split(":")[0])
                .containsExactly("Solving 'knap' with cbc", "Solving 'knap' with cbc", "Solving 'knap' with highs",
                        "Solving 'knap' with scip", "Solving 'knap' with cbc", "Solving 'knap' with cbc");
        assertThat(lines).contains("GLPK_CMD is not available in the sandbox: solving with CBC instead")
                .anyMatch(line -> line.contains("Welcome to the CBC MILP Solver"))
                .anyMatch(line -> line.contains("SCIP Status"))
                .anyMatch(line -> line.contains("HiGHS"))
                .contains("['COINMP_DLL', 'COIN_CMD', 'GLPK_CMD', 'HiGHS', 'HiGHS_CMD', 'PULP_CBC_CMD', 'PYGLPK', 'SCIP_CMD']");
    }

    @Test
    void optionsTheSandboxCannotHonourAreNamedInAWarning() {
        assertThat(run(PulpModels.SMALL_MILP,
                "prob.solve(PULP_CBC_CMD(msg=0, gapAbs=5, options=['cuts off']))",
                "print(LpStatus[prob.status])"))
                .containsExactly("PULP_CBC_CMD: gapAbs=5, options=['cuts off'] are not supported in the sandbox and ignored",
                        "Optimal");
    }

    @Test
    void aWrongSolverNameIsPulpsOwnError() {
        Job unknown = PulpSandbox.run(runtime, PulpModels.SMALL_LP + "prob.solve(pulp.getSolver('GUROBI_MAGIC'))\n");
        Job unavailable = PulpSandbox.run(runtime, PulpModels.SMALL_LP + "prob.solve(pulp.CPLEX_CMD(msg=0))\n");

        assertThat(unknown.status()).isEqualTo(JobStatus.FAILED);
        assertThat(unknown.error()).startsWith("pulp.apis.core.PulpSolverError: The solver GUROBI_MAGIC does not exist in PuLP.");
        assertThat(unavailable.status()).isEqualTo(JobStatus.FAILED);
        assertThat(unavailable.error()).contains("PulpSolverError").contains("cannot execute cplex");
    }

    @Test
    void writeLpWriteMpsAndToJsonWriteIntoTheWorkingDirectory() {
        assertThat(run(PulpModels.SMALL_LP,
                "import os",
                "prob.writeLP('model.lp')",
                "prob.writeMPS('model.mps')",
                "prob.toJson('model.json')",
                "print(sorted(f for f in os.listdir('.') if f.startswith('model')))",
                "with open('model.lp') as f:",
                "    print(f.read().splitlines()[:3])",
                "variables, again = pulp.LpProblem.fromJson('model.json')",
                "again.solve(pulp.PULP_CBC_CMD(msg=0))",
                "print(pulp.value(again.objective))"))
                .containsExactly("['model.json', 'model.lp', 'model.mps']", "['\\\\* dispatch *\\\\', 'Minimize', 'OBJ: x + 3 y']", "5.0");
    }

    @Test
    void aProblemOverTheSizeLimitIsRefusedClearly() {
        Job job = PulpSandbox.run(runtime, PulpModels.HARD_KNAPSACK + "prob.solve()\n", Limits.defaults().withMaxProblemSize(500));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("pulp.apis.core.PulpSolverError: Pulp: sandbox.solve: the problem is too large")
                .contains("500", "Limits.maxProblemSize");
    }
}
