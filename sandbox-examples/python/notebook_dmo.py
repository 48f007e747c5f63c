"""A notebook in a file: upload the DMO sample, run it on the bundled market, follow it, plot its prices.

    pip install --no-index --find-links http://localhost:8080/client/python/ sandboxopt
    python sandbox-examples/python/notebook_dmo.py [--server http://localhost:8080] [--plot prices.png]

Each ``# %%`` block is a cell (VS Code and Jupyter with jupytext read them so); pasted into a notebook, the
``job`` cell shows the job as a small table and ``job.follow()`` prints the lines as they come. matplotlib,
when installed, draws the hourly prices (into ``--plot``, else a window); without it they are printed.
The server's address and token come from ``--server`` or SANDBOXOPT_URL, and SANDBOXOPT_TOKEN.
"""
# %% the server
import argparse
import sys
from pathlib import Path

from sandboxopt import Client

REPOSITORY = Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser(description="Upload the DMO sample, run it on its bundled market, plot its prices.")
parser.add_argument("--server", help="the server (default: SANDBOXOPT_URL, else http://127.0.0.1:8080)")
parser.add_argument("--plot", help="save the price chart as this image instead of showing it")
args, _ = parser.parse_known_args()  # a notebook's kernel passes arguments of its own
client = Client(args.server)

# %% upload the model and its market data (a new version of each when they exist)
model = client.upload(REPOSITORY / "models" / "sample_dmo_model.py")
market = client.upload_data("dmo-market", REPOSITORY / "models" / "data" / "dmo", description="the DMO sample's market")
print(f"model {model.name} version {model.version}; data source {market.name} version {market.version}")

# %% run it on that data source and follow its lines as they come
job = client.run(model, data=market)
for line in job.follow():
    print(line)
job  # in a notebook: status, times and result as a table

# %% what it found: the welfare, and the price of each hour
print(f"job {job.id} ended {job.status}; welfare {job.result['welfare']:,.2f}" if job.succeeded
      else f"job {job.id} ended {job.status}: {job.error}")
if not job.succeeded:
    sys.exit(1)
prices = job.read_csv("prices.csv")  # a pandas DataFrame with pandas installed, else a list of rows
rows = prices.to_dict("records") if hasattr(prices, "to_dict") else prices
hours = [int(row["hour"]) for row in rows]
euros = [float(row["price_eur_mwh"]) for row in rows]

# %% plot them (matplotlib when installed, else a table)
try:
    import matplotlib
    if args.plot:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("hour  price (EUR/MWh)   (pip install matplotlib for a chart)")
    for hour, euro in zip(hours, euros):
        print(f"{hour:4d}  {euro:10.2f}")
else:
    figure, axes = plt.subplots(figsize=(8, 3))
    axes.step(hours, euros, where="post")
    axes.set_xlabel("hour")
    axes.set_ylabel("EUR/MWh")
    axes.set_title(f"Day-ahead prices, job {job.id}")
    if args.plot:
        figure.savefig(args.plot, bbox_inches="tight")
        print(f"saved {args.plot}")
    else:
        plt.show()
