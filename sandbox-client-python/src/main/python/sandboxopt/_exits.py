"""The command line's exit codes: as ``./sandbox run`` has them, and 3 for a server that does not answer."""

EXIT_OK, EXIT_JOB_FAILED, EXIT_REFUSED, EXIT_UNREACHABLE = 0, 1, 2, 3
