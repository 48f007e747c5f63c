"""Spectral norm of the infinite matrix A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1) by power iteration."""

N = 160


def a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times(u):
    return [sum(a(i, j) * u[j] for j in range(len(u))) for i in range(len(u))]


def times_transposed(u):
    return [sum(a(j, i) * u[j] for j in range(len(u))) for i in range(len(u))]


def main():
    u = [1.0] * N
    for _ in range(10):
        v = times_transposed(times(u))
        u = times_transposed(times(v))
    vbv = sum(x * y for x, y in zip(u, v))
    vv = sum(x * x for x in v)
    print(f"spectral norm {(vbv / vv) ** 0.5:.9f}")


main()
