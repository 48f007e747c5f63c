package com.sandboxopt.solver.ortools.internal.worker;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.sandboxopt.solver.ortools.internal.WorkerProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The main class of a solver worker: a small JVM of its own that loads OR-Tools' native libraries
 * and solves one request after another from stdin. Native solvers run here, not in the host, so
 * that a solve can be stopped at once (by ending this process), its CPU time and memory measured
 * and capped, its printed log captured, and a crash in native code costs this process only. It
 * exits when the host closes stdin or goes away.
 */
public final class SolverWorker {
    private static final CbcChatter CBC_CHATTER = new CbcChatter();
    private SolverWorker() {
    }

    public static void main(String[] args) throws Exception {
        NativeOutput output = NativeOutput.capture();
        Frames frames = new Frames(new DataOutputStream(new BufferedOutputStream(output.protocol(), 1 << 16)));
        LogPump pump = new LogPump(output.log(), frames);
        daemon(pump, "log-pump");
        daemon(SolverWorker::exitWhenOrphaned, "parent-watch");
        Loader.loadNativeLibraries();
        frames.ready();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        while (true) {
            WorkerProtocol.Request request;
            try {
                request = WorkerProtocol.Request.read(in);
            } catch (EOFException hostClosed) {
                Runtime.getRuntime().halt(0);
                return;
            }
            pump.drop(request.solverId().equals("CBC") ? CBC_CHATTER : line -> false);
            byte[] answer = null;
            String error = null;
            try {
                answer = solve(request).toByteArray();
            } catch (RuntimeException | IOException e) {
                error = String.valueOf(e.getMessage());
            }
            output.flushNative();
            pump.drain();
            if (answer != null) {
                frames.result(answer);
            } else {
                frames.error(error);
            }
        }
    }

    private static MPSolutionResponse solve(WorkerProtocol.Request request) throws IOException {
        MPSolver solver = MPSolver.createSolver(request.solverId());
        if (solver == null) {
            throw new IOException("OR-Tools has no solver " + request.solverId() + " on this platform");
        }
        try {
            String loadError = solver.loadModelFromProto(MPModelProto.parseFrom(request.model()));
            if (!loadError.isEmpty()) {
                throw new IOException("The model is invalid: " + loadError);
            }
            if (request.output()) {
                solver.enableOutput();
            } else {
                solver.suppressOutput();
            }
            solver.setTimeLimit(Math.max(1, request.timeLimitMillis()));
            if (request.threads() > 0) {
                solver.setNumThreads(request.threads());
            }
            MPSolverParameters parameters = new MPSolverParameters();
            if (request.mip() && !Double.isNaN(request.relativeGap())) {
                parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, request.relativeGap());
            }
            solver.solve(parameters);
            return solver.createSolutionResponseProto();
        } finally {
            solver.delete();
        }
    }

    /** A host that died without closing stdin (kill -9) must not leave its solves running. */
    private static void exitWhenOrphaned() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        while (true) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (now != parent) {
                Runtime.getRuntime().halt(4);
            }
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
