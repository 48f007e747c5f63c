package com.sandboxopt.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A plain WebSocket client (RFC 6455 over a socket) for the bench's clients: it reads text messages on a thread
 * of its own and decodes them with {@code new String(bytes, UTF_8)}, as cheaply as a browser does. The JDK's
 * {@code java.net.http.WebSocket} decodes UTF-8 char by char from a direct buffer, so a client following a chatty
 * job took more of the 2 cores than the server's log writer (docs/BENCHMARKS.md, the log pass).
 */
final class WebSocketConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Thread reader;

    /** Connects, upgrades and starts handing each text message to {@code onText} on the reader thread. */
    WebSocketConnection(URI uri, Consumer<String> onText) {
        try {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            out = socket.getOutputStream();
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = headerLine();
            if (!status.contains(" 101 ")) {
                throw new IOException("WebSocket upgrade refused: " + status);
            }
            while (!headerLine().isEmpty()) {
                // the response's headers
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(() -> read(onText), "bench-websocket-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a text message (masked, as a client must). */
    synchronized void send(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81); // FIN, text
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Consumer<String> onText) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(1 << 16);
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length); // a server's frames are not masked
                int opcode = first & 0x0f;
                if (opcode == 8) {
                    return; // close
                }
                if (opcode == 1 || opcode == 0) {
                    message.write(payload, 0, payload.length);
                    if ((first & 0x80) != 0) {
                        onText.accept(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private String headerLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
