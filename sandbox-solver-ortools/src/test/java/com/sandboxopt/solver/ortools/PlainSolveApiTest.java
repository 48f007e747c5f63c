package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.RuntimeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** sandbox.solve(problem): a documented dict in, a dict out, clear errors for a wrong one. */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class PlainSolveApiTest {
    @Parameter
    RuntimeKind runtime;

    @Test
    void aDictProblemIsSolvedAndTheAnswerIsPlainData() {
        assertThat(PulpSandbox.linesOfSuccess(runtime, 
                "import sandbox",
                "answer = sandbox.solve({",
                "    'name': 'dispatch', 'sense': 'minimize',",
                "    'variables': {'gas': {'lower': 0, 'upper': 80}, 'coal': {'upper': 100}, 'units': {'upper': 3, 'integer': True}},",
                "    'objective': {'gas': 60.5, 'coal': 35.25, 'units': 10},",
                "    'constraints': {",
                "        'load': {'coefficients': {'gas': 1, 'coal': 1}, 'sense': '==', 'rhs': 150},",
                "        'coal_units': {'coefficients': {'coal': 1, 'units': -40}, 'upper': 0},",
                "    },",
                "    'options': {'solver': 'cbc', 'msg': False, 'timeLimit': 30},",
                "})",
                "print(answer['status'], answer['objective'], {k: round(v, 9) for k, v in answer['values'].items()}, answer['solver'])",
                "print(answer['duals'], answer['activities'])",
                "print(type(answer).__name__, sorted(answer))"))
                .containsExactly(
                        "optimal 6580.0 {'gas': 50.0, 'coal': 100.0, 'units': 3.0} cbc",
                        "None {'load': 150.0, 'coal_units': -20.0}",
                        "dict ['activities', 'bestBound', 'cpuSeconds', 'duals', 'objective', 'reducedCosts', 'solveSeconds', "
                                + "'solver', 'status', 'values']");
    }

    @Test
    void anLpAnswerHasDualsAndAnInfeasibleOneHasNoValues() {
        assertThat(PulpSandbox.linesOfSuccess(runtime, 
                "import sandbox",
                "lp = {'variables': {'x': {'upper': 10}, 'y': {'upper': 10}}, 'objective': {'x': 1, 'y': 3}, 'options': {'msg': False},",
                "      'constraints': {'demand': {'coefficients': {'x': 1, 'y': 1}, 'sense': '>=', 'rhs': 5}}}",
                "a = sandbox.solve(lp)",
                "print(a['status'], a['objective'], a['duals'], a['reducedCosts'])",
                "lp['constraints']['cap'] = {'coefficients': {'x': 1, 'y': 1}, 'upper': 4}",
                "b = sandbox.solve(lp)",
                "print(b['status'], b['objective'], b['values'])"))
                .containsExactly("optimal 5.0 {'demand': 1.0} {'x': 0.0, 'y': 2.0}", "infeasible None None");
    }

    @Test
    void aWrongProblemRaisesAValueErrorSayingWhatToFix() {
        assertThat(PulpSandbox.linesOfSuccess(runtime, 
                "import sandbox",
                "for problem in [",
                "    {'variables': {'x': {}}, 'objective': {'z': 1}},",
                "    {'variables': {'x': {'lower': 5, 'upper': 1}}},",
                "    {'variables': {'x': {'lower': float('inf')}}},",
                "    {'variables': {'x': {}}, 'constraints': {'c': {'coefficients': {'x': 1}, 'sense': '<'}}},",
                "    {'variables': {'x': {}}, 'options': {'solver': 'gurobi'}},",
                "    {'variables': {'x': {'lower': object()}}},",
                "    {'variabels': {}},",
                "    [1, 2, 3],",
                "]:",
                "    try:",
                "        sandbox.solve(problem)",
                "    except ValueError as e:",
                "        print(e)"))
                .containsExactly(
                        "sandbox.solve: variable 'z' is used in the objective or a constraint but not declared under variables",
                        "sandbox.solve: variable 'x' has lower bound 5.0 above its upper bound 1.0",
                        "sandbox.solve: variable 'x' has an infinite lower bound above or upper bound below every number "
                                + "(lower Infinity, upper Infinity)",
                        "sandbox.solve: constraint 'c' needs either sense and rhs, or lower and/or upper",
                        "sandbox.solve: unknown solver 'gurobi'; this sandbox has [cbc, clp, highs, scip, glop]",
                        "sandbox.solve: the problem must hold only dicts, lists, strings, numbers, booleans and None: "
                                + "Object of type object is not JSON serializable",
                        "sandbox.solve: unknown key 'variabels' (expected name, sense, variables, objective, objectiveConstant, "
                                + "constraints, options)",
                        "sandbox.solve: the problem must be a dict, was a list");
    }

    @Test
    void theSolverHandsTheGuestDataOnlyNoJava() {
        Job job = PulpSandbox.run(runtime, String.join("\n",
                "import sandbox, sys",
                "answer = sandbox.solve({'variables': {'x': {'upper': 1}}, 'objective': {'x': 1}, 'options': {'msg': 0}})",
                "print(all(type(v) in (str, float, int, dict, type(None)) for v in answer.values()))",
                "for name in ('getClass', 'hashCode', 'wait'):",
                "    print(name, hasattr(sandbox.solve, name))",
                ""));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(PulpSandbox.messages(job)).containsExactly("True", "getClass False", "hashCode False", "wait False");
    }
}
