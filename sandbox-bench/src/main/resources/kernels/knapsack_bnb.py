"""0/1 knapsack solved exactly by depth-first branch and bound with the fractional (LP) bound."""
import random

ITEMS = 46


def solve(values, weights, capacity):
    order = sorted(range(len(values)), key=lambda k: values[k] / weights[k], reverse=True)
    v = [values[k] for k in order]
    w = [weights[k] for k in order]
    n = len(v)
    best = 0
    nodes = 0

    def bound(i, value, room):
        while i < n and w[i] <= room:
            room -= w[i]
            value += v[i]
            i += 1
        return value + (v[i] * room / w[i] if i < n else 0)

    stack = [(0, 0, capacity)]
    while stack:
        i, value, room = stack.pop()
        nodes += 1
        if value > best:
            best = value
        if i == n or bound(i, value, room) <= best:
            continue
        stack.append((i + 1, value, room))
        if w[i] <= room:
            stack.append((i + 1, value + v[i], room - w[i]))
    return best, nodes


def main():
    rng = random.Random(4)
    weights = [rng.randint(1000, 10000) for _ in range(ITEMS)]
    values = [wt + 1000 for wt in weights]  # strongly correlated: hard for branch and bound
    best, nodes = solve(values, weights, sum(weights) // 2)
    print(f"knapsack best {best} after {nodes} nodes")


main()
