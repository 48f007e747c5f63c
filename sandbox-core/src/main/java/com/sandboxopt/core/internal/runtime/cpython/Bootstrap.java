package com.sandboxopt.core.internal.runtime.cpython;

/**
 * The first code a sandboxed interpreter runs, and what it is told with its settings.
 *
 * @param code       the Python source the loader reads from stdin
 * @param hostSolver whether the sandbox solves on the host, so that PuLP is routed there as on GraalPy
 */
record Bootstrap(byte[] code, boolean hostSolver) {
}
