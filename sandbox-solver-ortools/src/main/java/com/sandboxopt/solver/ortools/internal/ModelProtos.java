package com.sandboxopt.solver.ortools.internal;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPVariableProto;
import com.sandboxopt.core.solver.LinearProblem;
import com.sandboxopt.core.solver.SolveResult;
import com.sandboxopt.core.solver.SolveStatus;
import java.time.Duration;

/** A {@link LinearProblem} as OR-Tools' model proto, and OR-Tools' response as a {@link SolveResult}. */
public final class ModelProtos {
    private ModelProtos() {
    }

    /** The model; names are left out (the worker does not need them, and HiGHS' interface trips over some). */
    public static MPModelProto toProto(LinearProblem problem, boolean relaxIntegers) {
        MPModelProto.Builder model = MPModelProto.newBuilder()
                .setName("model")
                .setMaximize(problem.maximize())
                .setObjectiveOffset(problem.objectiveConstant());
        for (LinearProblem.Variable variable : problem.variables()) {
            model.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(variable.lower())
                    .setUpperBound(variable.upper())
                    .setIsInteger(variable.integer() && !relaxIntegers)
                    .setObjectiveCoefficient(variable.objective()));
        }
        for (LinearProblem.Constraint row : problem.constraints()) {
            MPConstraintProto.Builder constraint = MPConstraintProto.newBuilder()
                    .setLowerBound(row.lower())
                    .setUpperBound(row.upper());
            for (int k = 0; k < row.variables().length; k++) {
                constraint.addVarIndex(row.variables()[k]);
                constraint.addCoefficient(row.coefficients()[k]);
            }
            model.addConstraint(constraint);
        }
        return model.build();
    }

    /**
     * The result; duals and reduced costs only for an LP and a backend that reports them
     * ({@code dualsUsable} false for HiGHS through OR-Tools 9.12, whose LP duals are wrong).
     */
    public static SolveResult toResult(MPSolutionResponse response, LinearProblem problem, boolean mip,
                                       boolean dualsUsable, Duration solveTime, Duration cpuTime) {
        SolveStatus status = switch (response.getStatus()) {
            case MPSOLVER_OPTIMAL -> SolveStatus.OPTIMAL;
            case MPSOLVER_FEASIBLE -> SolveStatus.FEASIBLE;
            case MPSOLVER_INFEASIBLE -> SolveStatus.INFEASIBLE;
            case MPSOLVER_UNBOUNDED -> SolveStatus.UNBOUNDED;
            case MPSOLVER_NOT_SOLVED, MPSOLVER_CANCELLED_BY_USER -> SolveStatus.NOT_SOLVED;
            default -> SolveStatus.ERROR;
        };
        int n = problem.variables().size();
        int m = problem.constraints().size();
        boolean solved = (status == SolveStatus.OPTIMAL || status == SolveStatus.FEASIBLE) && response.getVariableValueCount() == n;
        double[] values = solved ? toArray(response.getVariableValueList()) : null;
        boolean lpAnswers = solved && !mip && dualsUsable;
        double[] duals = lpAnswers && response.getDualValueCount() == m ? toArray(response.getDualValueList()) : null;
        double[] reducedCosts = lpAnswers && response.getReducedCostCount() == n ? toArray(response.getReducedCostList()) : null;
        double objective = solved ? response.getObjectiveValue() : Double.NaN;
        double bound = !solved ? Double.NaN : mip ? response.getBestObjectiveBound() : objective;
        String message = status == SolveStatus.ERROR ? describe(response) : emptyToNull(response.getStatusStr());
        return new SolveResult(status, message, objective, bound, values, reducedCosts, duals, solveTime, cpuTime);
    }

    private static String describe(MPSolutionResponse response) {
        String detail = emptyToNull(response.getStatusStr());
        String what = switch (response.getStatus()) {
            case MPSOLVER_ABNORMAL -> "the solver stopped abnormally (numerical trouble)";
            case MPSOLVER_MODEL_INVALID -> "the model is invalid";
            case MPSOLVER_SOLVER_TYPE_UNAVAILABLE -> "this backend is not available";
            default -> "the solver answered " + response.getStatus();
        };
        return detail == null ? what : what + ": " + detail;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static double[] toArray(java.util.List<Double> list) {
        double[] array = new double[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = list.get(i);
        }
        return array;
    }
}
