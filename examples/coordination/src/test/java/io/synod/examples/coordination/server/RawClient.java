package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.JuteWriter;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/** A client that writes whatever bytes a test gives it, for what the official client never sends. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 20_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a new-session ConnectRequest and reads the answer. */
    ConnectResponse handshake(boolean oldClient) throws IOException {
        JuteWriter frame = JuteWriter.framed();
        new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, oldClient).write(frame);
        send(frame.toFrame());
        byte[] answer = readFrame();
        return ConnectResponse.read(new JuteReader(answer));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame's payload, or null at end of stream (or a reset: the server closed). */
    byte[] readFrame() throws IOException {
        try {
            int length = in.readInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            return payload;
        } catch (EOFException e) {
            return null;
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return null;
            }
            throw e;
        }
    }

    /** True once the server has closed the connection, skipping frames before it. */
    boolean closedByServer() throws IOException {
        for (int i = 0; i < 1_000_000; i++) {
            if (readFrame() == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
