package dev.vellum.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection to the server that writes exactly the bytes a test gives it: half-sent requests, bad
 * escapes, hand-made WebSocket handshakes and frames that no well-behaved client library would send.
 */
public final class RawConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawConnection open(int port) throws IOException {
        return new RawConnection(new Socket("localhost", port));
    }

    /**
     * A connection from another loopback address ({@code 127.0.0.2}, ...), which the server counts as another
     * client: for tests of limits per address.
     */
    public static RawConnection openFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return new RawConnection(socket);
    }

    /**
     * POSTs {@code json} to {@code path} as a page of the server would, over a connection from {@code localAddress},
     * and returns the whole response (head and body).
     */
    public static String postJsonFrom(String localAddress, int port, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (RawConnection connection = openFrom(localAddress, port)) {
            connection.send("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Origin: http://localhost:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
            connection.send(body);
            return new String(connection.in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A connection with a small receive buffer, so that a client that does not read stalls the server quickly. */
    public static RawConnection openWithSmallReceiveBuffer(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("localhost", port));
        return new RawConnection(socket);
    }

    /**
     * Waits, without reading, until the server has filled this connection's receive buffer: bytes are waiting and
     * their count has stopped growing, so anything more the server sends waits on its side. False if that does not
     * happen within {@code timeoutMillis}.
     */
    public boolean awaitReceiveBufferFull(int timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int previous = -1;
        int unchangedPolls = 0;
        while (System.nanoTime() < deadline) {
            int waiting = in.available();
            unchangedPolls = waiting > 0 && waiting == previous ? unchangedPolls + 1 : 0;
            if (unchangedPolls >= 4) {
                return true;
            }
            previous = waiting;
            Thread.sleep(50);
        }
        return false;
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The response's status line and headers, up to the blank line; fails if none comes in time. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of the next response. */
    /** Everything the server sends until it closes the connection. */
    public String readAll() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    public int readStatus() throws IOException {
        String head = readHead();
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Reads and discards until the server closes the connection; false if it is still open after the timeout. */
    public boolean awaitClosedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // discard what the server still sends (a close frame, a response body)
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * Reads the server's WebSocket frames, skipping their payloads, until a close frame (whose status code it
     * returns) or the end of the stream (-1); {@code null} if neither comes within {@code timeoutMillis} of silence.
     */
    public Integer readUntilCloseFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || second < 0) {
                    return -1;
                }
                long length = second & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if ((first & 0x0f) == 0x8) {
                    return length >= 2 ? (readByte() << 8) | readByte() : 1005;
                }
                in.skipNBytes(length);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    /**
     * Reads the server's WebSocket messages, joining fragments, until {@code timeoutMillis} of silence, a close frame
     * or the end of the stream: the payloads of its data messages, in order.
     */
    public java.util.List<byte[]> readMessages(int timeoutMillis) throws IOException {
        java.util.List<byte[]> messages = new java.util.ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                int first = readByte();
                long length = readByte() & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    return messages;
                }
                byte[] payload = in.readNBytes((int) length);
                if (opcode >= 0x8) {
                    continue; // ping or pong
                }
                message.write(payload, 0, payload.length);
                if ((first & 0x80) != 0) {
                    messages.add(message.toByteArray());
                    message.reset();
                }
            }
        } catch (SocketTimeoutException | java.io.EOFException e) {
            return messages;
        }
    }

    private int readByte() throws IOException {
        int next = in.read();
        if (next < 0) {
            throw new java.io.EOFException();
        }
        return next;
    }

    /** A request line and headers for a WebSocket upgrade of {@code path}, with extra header lines (CRLF each). */
    public static String upgradeRequest(int port, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /**
     * A client's WebSocket frame: {@code firstByte} holds FIN, RSV1-3 and the opcode. Masked with the all-zero key,
     * which RFC 6455 permits and which leaves the payload as it is.
     */
    public static byte[] clientFrame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int length = payload.length;
        if (length < 126) {
            frame.write(0x80 | length);
        } else if (length < 65536) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift));
            }
        }
        frame.write(new byte[4], 0, 4);
        frame.write(payload, 0, payload.length);
        return frame.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
