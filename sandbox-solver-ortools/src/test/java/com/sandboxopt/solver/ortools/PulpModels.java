package com.sandboxopt.solver.ortools;

/** PuLP problems as Python source, for the tests: small ones with known answers and hard ones that take long. */
final class PulpModels {
    private PulpModels() {
    }

    /** min x + 3y s.t. demand: x + y >= 5, cap: x <= 8, 0 <= x, y <= 10. */
    static final String SMALL_LP = String.join("\n",
            "import pulp",
            "prob = pulp.LpProblem('dispatch', pulp.LpMinimize)",
            "x = pulp.LpVariable('x', 0, 10)",
            "y = pulp.LpVariable('y', 0, 10)",
            "prob += x + 3 * y",
            "prob += x + y >= 5, 'demand'",
            "prob += x <= 8, 'cap'",
            "");

    /** max 5a + 4b + 3c over integers, optimum 13 at (2, 0, 1). */
    static final String SMALL_MILP = String.join("\n",
            "from pulp import *",
            "prob = LpProblem('knap', LpMaximize)",
            "a, b, c = (LpVariable(n, 0, 10, cat='Integer') for n in 'abc')",
            "prob += 5 * a + 4 * b + 3 * c",
            "prob += 2 * a + 3 * b + c <= 5",
            "prob += 4 * a + b + 2 * c <= 11",
            "prob += 3 * a + 4 * b + 2 * c <= 8",
            "");

    /** A multi-dimensional knapsack over 200 binaries: CBC finds good solutions at once and proves nothing for minutes. */
    static final String HARD_KNAPSACK = String.join("\n",
            "import pulp, random",
            "r = random.Random(1)",
            "prob = pulp.LpProblem('hard', pulp.LpMaximize)",
            "x = [pulp.LpVariable('x%d' % i, cat='Binary') for i in range(200)]",
            "prob += pulp.lpSum((50 + r.randrange(50)) * v for v in x)",
            "for k in range(10):",
            "    w = [20 + r.randrange(80) for _ in x]",
            "    prob += pulp.lpSum(wi * v for wi, v in zip(w, x)) <= sum(w) // 2, 'w%d' % k",
            "");

    /** A market-split instance: equalities over binaries, for which CBC finds no solution for a long time. */
    static final String MARKET_SPLIT = String.join("\n",
            "import pulp, random",
            "r = random.Random(7)",
            "prob = pulp.LpProblem('split', pulp.LpMinimize)",
            "x = [pulp.LpVariable('x%d' % j, cat='Binary') for j in range(40)]",
            "prob += pulp.lpSum(0 * v for v in x)",
            "for i in range(5):",
            "    a = [r.randrange(100) for _ in x]",
            "    prob += pulp.lpSum(ai * v for ai, v in zip(a, x)) == sum(a) // 2, 's%d' % i",
            "");
}
