"""Dense LP: maximize c x subject to A x <= b, x >= 0 (b > 0), by the tableau simplex (Bland's rule)."""
import random

ROWS, COLS = 90, 90


def simplex(a, b, c):
    m, n = len(a), len(c)
    tableau = [a[i][:] + [1.0 if k == i else 0.0 for k in range(m)] + [b[i]] for i in range(m)]
    tableau.append([-x for x in c] + [0.0] * m + [0.0])
    pivots = 0
    while True:
        obj = tableau[m]
        col = next((j for j in range(n + m) if obj[j] < -1e-9), None)
        if col is None:
            return obj[-1], pivots
        row, best_ratio = None, None
        for i in range(m):
            if tableau[i][col] > 1e-9:
                ratio = tableau[i][-1] / tableau[i][col]
                if best_ratio is None or ratio < best_ratio - 1e-12:
                    row, best_ratio = i, ratio
        if row is None:
            raise ValueError("unbounded")
        pivot_row = tableau[row]
        p = pivot_row[col]
        pivot_row[:] = [x / p for x in pivot_row]
        for i in range(m + 1):
            if i != row:
                r = tableau[i]
                f = r[col]
                if f != 0.0:
                    tableau[i] = [x - f * y for x, y in zip(r, pivot_row)]
        pivots += 1


def main():
    rng = random.Random(3)
    a = [[rng.uniform(1, 10) for _ in range(COLS)] for _ in range(ROWS)]
    b = [rng.uniform(50, 100) for _ in range(ROWS)]
    c = [rng.uniform(1, 10) for _ in range(COLS)]
    value, pivots = simplex(a, b, c)
    print(f"simplex optimum {value:.6f} after {pivots} pivots")


main()
