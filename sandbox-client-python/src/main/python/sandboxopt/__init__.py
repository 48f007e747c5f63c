"""sandboxopt: a client of the Sandbox Optimization System (standard library only, Python 3.9+).

>>> from sandboxopt import Client
>>> client = Client("http://localhost:8080")
>>> job = client.run(client.upload("models/sample_dmo_model.py"), config={"hours": 12})
>>> for line in job.follow():
...     print(line)
>>> job.wait().result

The command line is ``sandboxopt --help`` (or ``python -m sandboxopt``); the reference is docs/PYTHON_CLIENT.md.
"""
from ._version import __version__
from .client import Client
from .errors import (Conflict, ConnectionFailed, Forbidden, InvalidRequest, NotFound, SandboxError, ServerError,
                     Timeout, TooManyRequests, Unauthorized)
from .job import Job
from .records import Artifact, DataSource, Event, Experiment, LogLine, Metric, Model, Schedule

__all__ = ["Client", "Job", "Model", "DataSource", "LogLine", "Event", "Metric", "Artifact", "Schedule",
           "Experiment", "SandboxError",
           "InvalidRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooManyRequests", "ServerError",
           "ConnectionFailed", "Timeout", "__version__"]
