package com.sandboxopt.core;

/**
 * Which Python runtime the sandbox uses.
 *
 * @param implementation the polyglot engine's implementation name
 * @param optimizing     true when the Graal JIT compiles guest code; false in interpreter-only mode
 * @param pythonVersion  the guest Python version, e.g. {@code 3.11.7}
 */
public record RuntimeInfo(String implementation, boolean optimizing, String pythonVersion) {
}
