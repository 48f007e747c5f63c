package com.sandboxopt.core;

/** Data sources and artifacts on GraalPy. */
class GraalPyDataAndArtifactsTest extends DataAndArtifactsContract {
    @Override
    RuntimeKind runtime() {
        return RuntimeKind.GRAALPY;
    }
}
