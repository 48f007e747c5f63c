"""Writes the bundled data sets in models/data/dmo, models/data/rmo and models/data/so.

One stylized power system, the same in every folder: twelve thermal units (nuclear, lignite, hard
coal, CCGT, OCGT, an oil engine) plus a wind and a solar park, and one day of demand. The day-ahead
market (dmo) sees the gross demand and the renewables' offers; unit commitment (so) and real-time
dispatch (rmo) see the residual load the thermal units must cover (demand minus the wind and solar
forecasts). Deterministic (fixed seed, standard library only); run it from anywhere:

    python3 models/data/make_data.py

Prices are EUR/MWh, quantities MW, hours 0-23 (hour 0 = 00:00-01:00), 5-minute intervals of the
day (interval 0 = 00:00; the real-time data covers 06:00-22:00, intervals 72-263, while all the
units are online). See models/README.md for what each model reads.
"""
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20240117)

# unit, technology, pmin, pmax, marginal cost, no-load EUR/h, start-up EUR, min up h, min down h,
# ramp MW/min, initially on
UNITS = [
    ("NUC_1", "nuclear", 600, 1200, 11.40, 450, 60000, 24, 24, 10, 1),
    ("LIG_1", "lignite", 300, 750, 52.35, 1100, 32000, 10, 8, 8, 1),
    ("LIG_2", "lignite", 300, 750, 54.10, 1150, 32000, 10, 8, 8, 1),
    ("CCGT_1", "ccgt", 170, 420, 74.80, 1250, 9500, 4, 3, 12, 1),
    ("CCGT_2", "ccgt", 165, 410, 77.45, 1200, 9200, 4, 3, 12, 1),
    ("CCGT_3", "ccgt", 160, 400, 80.95, 1180, 9000, 4, 3, 12, 0),
    ("CCGT_4", "ccgt", 150, 380, 84.30, 1100, 8600, 4, 3, 12, 0),
    ("COAL_1", "hard_coal", 180, 500, 88.65, 1500, 18000, 8, 6, 6, 0),
    ("COAL_2", "hard_coal", 180, 500, 92.20, 1450, 17500, 8, 6, 6, 0),
    ("OCGT_1", "ocgt", 40, 140, 136.70, 260, 1300, 1, 1, 15, 0),
    ("OCGT_2", "ocgt", 35, 130, 147.15, 240, 1200, 1, 1, 15, 0),
    ("OIL_1", "oil_engine", 20, 90, 211.40, 120, 350, 1, 1, 10, 0),
]
WIND = ("WIND_1", "wind_onshore", 900)
SOLAR = ("SOLAR_1", "solar_pv", 1000)
DEMAND = [3450, 3260, 3150, 3100, 3140, 3350, 3900, 4480, 4790, 4900, 4940, 4960,
          4890, 4850, 4820, 4830, 4950, 5230, 5420, 5380, 5120, 4760, 4330, 3960]  # gross, MW
WIND_CF = [0.55, 0.58, 0.60, 0.61, 0.60, 0.57, 0.52, 0.46, 0.42, 0.38, 0.35, 0.33,
           0.31, 0.30, 0.31, 0.33, 0.36, 0.40, 0.43, 0.45, 0.47, 0.49, 0.50, 0.51]
SOLAR_CF = [round(max(0.0, 0.72 * math.sin(math.pi * (h - 6.5) / 13)), 3) if 7 <= h <= 18 else 0.0 for h in range(24)]
HOURS = range(24)
USED = set()


def distinct(price):
    """Round to the cent, unlike any price used so far (ties would leave quantities open)."""
    price = round(price, 2)
    while price in USED:
        price = round(price + 0.01, 2)
    USED.add(price)
    return price


def mw(x):
    return f"{x:.1f}"


def eur(x):
    return f"{x:.2f}"


def write(folder, name, header, rows):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main():
    wind = [round(WIND[2] * cf, 1) for cf in WIND_CF]
    solar = [round(SOLAR[2] * cf, 1) for cf in SOLAR_CF]
    residual = [round(DEMAND[h] - wind[h] - solar[h], 1) for h in HOURS]

    # ---- dmo: the day-ahead auction --------------------------------------------------------
    write("dmo", "units.csv", ["unit", "technology", "pmin_mw", "pmax_mw"],
          [(u[0], u[1], mw(u[2]), mw(u[3])) for u in UNITS]
          + [(WIND[0], WIND[1], mw(0), mw(WIND[2])), (SOLAR[0], SOLAR[1], mw(0), mw(SOLAR[2]))])
    offers = []
    for name, _, pmin, pmax, cost, *_ in UNITS:
        # must-run part a little below cost, the bulk at cost, the top with a worse heat rate
        prices = [distinct(cost * 0.9 + RNG.uniform(0, 0.5)), distinct(cost + RNG.uniform(0, 0.5)),
                  distinct(cost * 1.07 + RNG.uniform(0, 0.5))]
        sizes = [pmin, round(0.6 * (pmax - pmin), 1), round(pmax - pmin - round(0.6 * (pmax - pmin), 1), 1)]
        for h in HOURS:
            offers += [(name, h, k, eur(prices[k]), mw(sizes[k])) for k in range(3)]
    for (name, _, cap), available, steps in ((WIND, wind, ((-4.0, 0.6), (0.5, 0.4))), (SOLAR, solar, ((0.0, 0.7), (1.5, 0.3)))):
        prices = [distinct(p + RNG.uniform(0, 0.9)) for p, _ in steps]
        for h in HOURS:
            if available[h] > 0:
                offers += [(name, h, k, eur(prices[k]), mw(available[h] * share)) for k, (_, share) in enumerate(steps)]
    offers.sort(key=lambda r: (r[1], r[0], r[2]))
    write("dmo", "offers.csv", ["unit", "hour", "step", "price_eur_mwh", "quantity_mw"], offers)
    inelastic = [round(0.88 * DEMAND[h], 1) for h in HOURS]
    write("dmo", "load_forecast.csv", ["hour", "load_mw"], [(h, mw(inelastic[h])) for h in HOURS])
    bids = []
    for h in HOURS:  # retailers' and industry's price-sensitive demand, four steps
        for k, top in enumerate((310.0, 155.0, 98.0, 66.0)):
            bids.append((h, k, eur(distinct(top + RNG.uniform(0, 4))), mw(0.03 * DEMAND[h] * RNG.uniform(0.8, 1.2))))
    write("dmo", "bids.csv", ["hour", "step", "price_eur_mwh", "quantity_mw"], bids)
    blocks = []
    groups = [  # exclusive group: alternatives of one order, at most one accepted
        ("PUMP", 300.0, 5, (0, 1, 2), 64.0),      # pumped storage, pumping at night
        ("ELYS", 220.0, 6, (9, 10, 11), 81.5),    # electrolyser, midday
        ("SMELT", 160.0, 3, (16, 17, 18), 96.0),  # smelter, evening
        ("HEAT", 140.0, 4, (5, 6, 7), 84.0),      # heat pumps and boilers, morning
    ]
    for label, qty, length, starts, limit in groups:
        for i, start in enumerate(starts):  # later alternatives a little cheaper
            blocks.append((f"{label}_{i + 1}", label, start, start + length - 1, mw(qty * RNG.uniform(0.95, 1.05)),
                           eur(distinct(limit - 0.7 * i + RNG.uniform(0, 0.4)))))
    write("dmo", "block_bids.csv", ["block", "exclusive_group", "first_hour", "last_hour", "quantity_mw",
                                    "limit_price_eur_mwh"], blocks)

    # ---- so: unit commitment --------------------------------------------------------------
    before = residual[-1]  # the state before hour 0: yesterday's last hour looked like today's
    online = [u for u in UNITS if u[10]]
    initial = {u[0]: (u[2] if u[10] else 0.0) for u in UNITS}
    rest = before - sum(initial.values())
    for u in sorted(online, key=lambda u: u[4]):
        add = max(0.0, min(u[3] - u[2], rest))
        initial[u[0]] = round(initial[u[0]] + add, 1)
        rest -= add
    write("so", "units.csv", ["unit", "technology", "pmin_mw", "pmax_mw", "marginal_cost_eur_mwh",
                              "no_load_cost_eur_h", "startup_cost_eur", "min_up_h", "min_down_h",
                              "ramp_up_mw_h", "ramp_down_mw_h", "initial_on", "initial_output_mw"],
          [(u[0], u[1], mw(u[2]), mw(u[3]), eur(u[4]), eur(u[5]), eur(u[6]), u[7], u[8], mw(60 * u[9]), mw(60 * u[9]),
            u[10], mw(initial[u[0]])) for u in UNITS])
    write("so", "load_forecast.csv", ["hour", "load_mw", "gross_demand_mw", "wind_mw", "solar_mw"],
          [(h, mw(residual[h]), mw(DEMAND[h]), mw(wind[h]), mw(solar[h])) for h in HOURS])
    write("so", "reserves.csv", ["hour", "reserve_mw"], [(h, mw(max(400, round(0.08 * residual[h])))) for h in HOURS])

    # ---- rmo: real-time dispatch ------------------------------------------------------------
    write("rmo", "units.csv", ["unit", "technology", "pmin_mw", "pmax_mw", "ramp_mw_min", "marginal_cost_eur_mwh"],
          [(u[0], u[1], u[2], u[3], u[9], eur(u[4])) for u in UNITS])  # whole MW: the model dispatches whole MW
    write("rmo", "load_forecast.csv", ["hour", "load_mw"], [(h, round(residual[h])) for h in HOURS])
    realtime, deviation = [], 0.0
    for k in range(6 * 12, 22 * 12):  # 06:00-22:00, while all twelve units are online
        h, f = divmod(k, 12)
        planned = residual[h] + (residual[min(h + 1, 23)] - residual[h]) * f / 12
        deviation = 0.9 * deviation + RNG.gauss(0.0, 20.0)
        realtime.append((k, f"{h:02d}:{5 * f:02d}", round(planned + deviation)))
    write("rmo", "realtime_load.csv", ["interval", "time", "load_mw"], realtime)
    write("rmo", "outages.csv", ["unit", "interval", "time", "reason"], [("CCGT_2", 250, "20:50", "forced outage: gas turbine trip")])


if __name__ == "__main__":
    main()
