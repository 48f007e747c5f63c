"""CPython side of the benchmark: runs a model file as __main__ (argv[2:] become its sys.argv[1:])
and prints its in-process wall time, so interpreter start-up can be told apart from the model."""
import os
import runpy
import sys
import time

path = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(path))  # as for `python3 model.py`: models/sandbox.py is found
start = time.perf_counter()
try:
    runpy.run_path(path, run_name="__main__")
finally:
    print(f"inproc_ms {(time.perf_counter() - start) * 1000:.1f}", file=sys.stderr)
