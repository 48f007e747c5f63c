import numpy
import pandas

print(f"numpy {numpy.__version__}, pandas {pandas.__version__}")
