package com.sandboxopt.solver.ortools.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What the host and a solver worker say to each other over the worker's stdin and a private
 * output channel: one request per solve, answered by frames. The backend's own log (what it
 * prints natively) arrives as log frames while it solves, then one result or error frame.
 */
public final class WorkerProtocol {
    public static final byte READY = 'S';
    public static final byte LOG = 'L';
    public static final byte RESULT = 'R';
    public static final byte ERROR = 'E';

    private WorkerProtocol() {
    }

    /**
     * One solve.
     *
     * @param solverId    OR-Tools' name of the backend, e.g. {@code CBC}, {@code CLP}
     * @param output      whether the backend prints its log
     * @param relativeGap NaN to leave the backend's parameter alone
     * @param threads     0 for the backend's default
     * @param model       a serialized {@code MPModelProto}
     */
    public record Request(String solverId, boolean mip, boolean output, long timeLimitMillis, double relativeGap,
                          int threads, byte[] model) {
        public void write(DataOutputStream out) throws IOException {
            out.writeUTF(solverId);
            out.writeBoolean(mip);
            out.writeBoolean(output);
            out.writeLong(timeLimitMillis);
            out.writeDouble(relativeGap);
            out.writeInt(threads);
            out.writeInt(model.length);
            out.write(model);
            out.flush();
        }

        public static Request read(DataInputStream in) throws IOException {
            String solverId = in.readUTF();
            boolean mip = in.readBoolean();
            boolean output = in.readBoolean();
            long timeLimit = in.readLong();
            double gap = in.readDouble();
            int threads = in.readInt();
            byte[] model = new byte[in.readInt()];
            in.readFully(model);
            return new Request(solverId, mip, output, timeLimit, gap, threads, model);
        }
    }
}
