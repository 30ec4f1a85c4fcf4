package io.synod.benchmarks.zookeeper;

import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.RequestFrames;
import io.synod.examples.coordination.wire.WatchableRequest;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Many sessions held open on one server by a bare client of ZooKeeper's wire protocol: a socket each and
 * no thread (the official client starts two threads per session, which would bound the count here long
 * before the server does). They ask for a session timeout longer than the measurement, so they never ping;
 * the server must allow it ({@code maxSessionTimeout}). Requests are pipelined in batches: every socket of a
 * batch sends, then each reads its answers in order.
 */
final class IdleSessions implements AutoCloseable {

    /** Sockets that send before any of them reads. */
    private static final int BATCH = 500;

    private final InetSocketAddress server;
    private final int timeoutMillis;
    private final List<Link> links = new ArrayList<>();

    private record Link(Socket socket, DataInputStream in, OutputStream out) {
    }

    IdleSessions(InetSocketAddress server, int timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /** Opens {@code count} more sessions; fails if the server refuses one or grants a shorter timeout. */
    void open(int count) throws IOException {
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            List<Link> batch = new ArrayList<>(n);
            byte[] connect = RequestFrames.connect(new ConnectRequest(0, 0, timeoutMillis, 0, new byte[16], false, false));
            for (int i = 0; i < n; i++) {
                Socket s = new Socket();
                s.connect(server, 30_000);
                s.setSoTimeout(120_000);
                s.setTcpNoDelay(true);
                Link link = new Link(s, new DataInputStream(s.getInputStream()),
                    new BufferedOutputStream(s.getOutputStream()));
                links.add(link);
                batch.add(link);
                link.out.write(connect);
                link.out.flush();
            }
            for (Link link : batch) {
                ConnectResponse r = ConnectResponse.read(new JuteReader(readFrame(link)));
                if (r.sessionId() == 0) {
                    throw new IllegalStateException("the server refused session " + links.size());
                }
                if (r.timeOut() < timeoutMillis) {
                    throw new IllegalStateException("the server granted a " + r.timeOut() + " ms session timeout, less than "
                        + timeoutMillis + ": raise its maxSessionTimeout");
                }
            }
        }
    }

    /**
     * Leaves {@code perSession} data watches (exists with watch set) from every session, session i on the
     * znodes {@code prefix + j} for j = i * perSession ... (i + 1) * perSession - 1, modulo {@code znodes}:
     * sessions x perSession watches in all, spread evenly over the znodes.
     */
    void watch(String prefix, int znodes, int perSession) throws IOException {
        for (int from = 0; from < links.size(); from += BATCH) {
            int to = Math.min(links.size(), from + BATCH);
            for (int i = from; i < to; i++) {
                Link link = links.get(i);
                for (int k = 0; k < perSession; k++) {
                    String path = prefix + Math.floorMod((long) i * perSession + k, (long) znodes);
                    link.out.write(RequestFrames.request(k + 1, new WatchableRequest(OpCode.EXISTS, path, true)));
                }
                link.out.flush();
            }
            for (int i = from; i < to; i++) {
                for (int k = 0; k < perSession; k++) {
                    ReplyHeader h = ReplyHeader.read(new JuteReader(readFrame(links.get(i))));
                    if (h.err() != 0) {
                        throw new IllegalStateException("an exists with a watch failed with error " + h.err());
                    }
                }
            }
        }
    }

    int size() {
        return links.size();
    }

    private static byte[] readFrame(Link link) throws IOException {
        int length = link.in.readInt();
        byte[] payload = new byte[length];
        link.in.readFully(payload);
        return payload;
    }

    /** Drops every connection without closing its session: the server's process is stopped next. */
    @Override
    public void close() {
        for (Link link : links) {
            try {
                link.socket.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
        links.clear();
    }
}
