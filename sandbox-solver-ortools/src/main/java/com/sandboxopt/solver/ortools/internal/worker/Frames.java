package com.sandboxopt.solver.ortools.internal.worker;

import com.sandboxopt.solver.ortools.internal.WorkerProtocol;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes frames to the host; the log pump and the solving thread share it. */
final class Frames {
    private final DataOutputStream out;

    Frames(DataOutputStream out) {
        this.out = out;
    }

    synchronized void ready() throws IOException {
        out.writeByte(WorkerProtocol.READY);
        out.flush();
    }

    synchronized void log(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.writeByte(WorkerProtocol.LOG);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    synchronized void result(byte[] response) throws IOException {
        out.writeByte(WorkerProtocol.RESULT);
        out.writeInt(response.length);
        out.write(response);
        out.flush();
    }

    synchronized void error(String message) throws IOException {
        out.writeByte(WorkerProtocol.ERROR);
        out.writeUTF(message.length() > 10_000 ? message.substring(0, 10_000) : message);
        out.flush();
    }
}
