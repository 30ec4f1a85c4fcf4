package io.synod.transport.tcp;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Frames inside TLS, through a JSSE {@link SSLEngine} driven without blocking: ciphertext read
 * from the socket collects in {@code netIn} until the engine can unwrap a whole record; wrapped
 * records collect in {@code netOut} until the socket takes them. The TLS handshake advances inside
 * {@link #read} and {@link #write}; its delegated tasks (certificate checks) run inline on the
 * reactor thread, which is brief next to a connection's lifetime.
 *
 * <p>Several records are wrapped before one socket write, so a large batch of frames costs few
 * system calls. Closing sends what the engine has to say (an alert after a failed handshake, a
 * {@code close_notify}) without waiting for it; a frame cut short by a close is never taken for a
 * whole one, since the reader waits for every byte its length announces.
 */
final class TlsWire implements Wire {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Records of ciphertext gathered before a socket write. */
    private static final int RECORDS_PER_WRITE = 4;

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Ciphertext read and not yet unwrapped; in write mode (position = end of data). */
    private ByteBuffer netIn;
    /** Ciphertext wrapped and not yet written; in write mode. */
    private ByteBuffer netOut;
    /** The last unwrap needed more ciphertext than netIn holds. */
    private boolean inputStalled;
    private boolean ended;

    TlsWire(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(packet);
        this.netOut = ByteBuffer.allocateDirect(packet * RECORDS_PER_WRITE);
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!ended && netIn.hasRemaining()) {
            int n = channel.read(netIn);
            if (n < 0) {
                ended = true;
            } else if (n > 0) {
                inputStalled = false;
            }
        }
        int produced = pump(dst);
        if (produced == 0 && ended && !hasBufferedInput()) {
            if (!isReady()) {
                throw new EOFException("the peer closed the connection during the TLS handshake");
            }
            return -1;
        }
        return produced;
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        if (!flushNetOut()) {
            return false;
        }
        runHandshakeWraps();
        while (src.hasRemaining() && isReady()) {
            if (!roomForRecord()) {
                return false;
            }
            SSLEngineResult r = engine.wrap(src, netOut);
            check(r);
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        return flushNetOut() && !src.hasRemaining();
    }

    @Override
    public boolean isReady() {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public boolean hasBufferedInput() {
        return netIn.position() > 0 && !inputStalled && !engine.isInboundDone();
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    @Override
    public int minReadSpace() {
        return engine.getSession().getApplicationBufferSize();
    }

    /**
     * Sends the alert the engine has for the peer after a failed handshake (an untrusted
     * certificate, say), so that the peer's log says why; best effort, without waiting.
     */
    @Override
    public void shutdown() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && roomForRecord(); i++) {
                engine.wrap(EMPTY, netOut);
            }
            flushNetOut();
        } catch (IOException | RuntimeException ignored) {
            // The connection is being closed because something already went wrong.
        }
    }

    /**
     * Runs the engine as far as it goes without blocking: delegated tasks, handshake records out,
     * records in (unwrapped into {@code dst}).
     *
     * @return plaintext bytes put into {@code dst}
     */
    private int pump(ByteBuffer dst) throws IOException {
        int produced = 0;
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                if (!wrapHandshakeRecord()) {
                    return produced;
                }
                continue;
            }
            if (netIn.position() == 0 || inputStalled || engine.isInboundDone()) {
                return produced;
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, dst);
            } finally {
                netIn.compact();
            }
            produced += r.bytesProduced();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    inputStalled = true;
                    growNetInIfFull();
                    return produced;
                }
                case BUFFER_OVERFLOW, CLOSED -> {
                    return produced;
                }
                case OK -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        return produced;
                    }
                }
            }
        }
    }

    private void runHandshakeWraps() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (hs != HandshakeStatus.NEED_WRAP || !wrapHandshakeRecord()) {
                return;
            }
        }
    }

    /** Wraps one handshake record and tries to send it; false if netOut had no room. */
    private boolean wrapHandshakeRecord() throws IOException {
        if (!roomForRecord()) {
            return false;
        }
        check(engine.wrap(EMPTY, netOut));
        flushNetOut();
        return true;
    }

    private boolean roomForRecord() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netOut.remaining() < packet) {
            flushNetOut();
            if (netOut.remaining() < packet) {
                if (netOut.position() == 0) {
                    netOut = ByteBuffer.allocateDirect(packet * RECORDS_PER_WRITE);
                    return true;
                }
                return false;
            }
        }
        return true;
    }

    private boolean flushNetOut() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    /** A record larger than netIn (the session's packet size grew): make room for it. */
    private void growNetInIfFull() {
        if (!netIn.hasRemaining()) {
            int packet = engine.getSession().getPacketBufferSize();
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(2 * netIn.capacity(), packet));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
            inputStalled = false;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static void check(SSLEngineResult r) throws SSLException {
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the TLS session is closed");
        }
    }
}
