package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection to another member, from its first byte to its close: the wire under it
 * (plain or TLS), the frames read from and written to it, and its handshake. Its stages:
 *
 * <pre>
 *  CONNECTING ─► SECURING (TLS only) ─► HANDSHAKING ─► ESTABLISHED ─► CLOSED
 *   (dialer)                             (cluster handshake)
 * </pre>
 *
 * Until ESTABLISHED only handshake frames are read, under a small frame bound; any other frame
 * refuses the connection, so nothing a node that has not proved its membership sends reaches
 * {@code poll}. After it, each frame is decoded by its channel's codec and handed to the reactor.
 * Any fault in what the peer sends ends this connection and no other.
 *
 * <p>Used by whoever holds the reactor (see {@link Reactor}): one thread at a time.
 */
final class Connection implements FrameReader.FrameHandler {

    enum State { CONNECTING, SECURING, HANDSHAKING, ESTABLISHED, CLOSED }

    /** Initial size of a connection's read and write buffers. */
    static final int BUFFER_SIZE = 64 * 1024;
    /** Reads that one readiness event may do, so that one busy peer cannot starve the others. */
    private static final int READS_PER_EVENT = 4;
    /** A read goes ahead only with at least this much free space (else the buffer is compacted). */
    private static final int MIN_READ = 8 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Reactor reactor;
    private final Links links;
    final SocketChannel channel;
    final Wire wire;
    final Handshake handshake;
    final FrameReader reader;
    final FrameWriter writer;
    final long deadlineNanos;
    /** The remote end, for the log. */
    final String remote;
    private final UnsafeBuffer controlBody = new UnsafeBuffer(0, 0);
    SelectionKey key;
    State state;
    /** The peer, once known: the one dialed, or the one authenticated. */
    Peer peer;
    private int interest;

    Connection(Reactor reactor, Links links, SocketChannel channel, String remote, Wire wire, Handshake handshake, long deadlineNanos) {
        this.reactor = reactor;
        this.links = links;
        this.remote = remote;
        this.channel = channel;
        this.wire = wire;
        this.handshake = handshake;
        this.reader = new FrameReader(BUFFER_SIZE, HandshakeMessage.MAX_FRAME_LENGTH);
        this.writer = new FrameWriter(BUFFER_SIZE);
        this.deadlineNanos = deadlineNanos;
        this.state = State.CONNECTING;
    }

    /** The TCP connection is up: secure it, or start the handshake. */
    void connected() throws IOException {
        state = wire.isReady() ? State.HANDSHAKING : State.SECURING;
        if (state == State.SECURING) {
            wire.write(EMPTY);
        } else if (handshake.isDialer()) {
            sendControl(handshake.hello());
        }
        updateInterest();
    }

    void onConnectable() throws IOException {
        if (channel.finishConnect()) {
            connected();
        }
    }

    void onReadable() throws IOException {
        for (int i = 0; i < READS_PER_EVENT && state != State.CLOSED; i++) {
            ByteBuffer space = reader.receiveSpace(Math.max(MIN_READ, wire.minReadSpace()));
            int free = space.remaining();
            int n = wire.read(space);
            if (n < 0) {
                links.ended(this);
                return;
            }
            advance();
            if (n > 0) {
                reader.drain(this);
            }
            if (state == State.CLOSED || (n < free && !wire.hasBufferedInput())) {
                break;
            }
        }
        if (state != State.CLOSED) {
            updateInterest();
        }
    }

    void onWritable() throws IOException {
        flush();
        advance();
        updateInterest();
    }

    /** Writes what is pending, as far as the socket takes it; true if nothing is left. */
    boolean flush() throws IOException {
        boolean done;
        if (writer.hasPending()) {
            ByteBuffer pending = writer.pending();
            int before = pending.position();
            done = wire.write(pending);
            int written = pending.position() - before;
            writer.written(written);
            if (state == State.ESTABLISHED) {
                peer.counters.sentBytes(written);
            }
        } else {
            done = !wire.hasPendingOutput() || wire.write(EMPTY);
        }
        return done;
    }

    /** Whether the socket refused bytes lately, so that more should wait for it to drain. */
    boolean awaitingWritable() {
        return (interest & SelectionKey.OP_WRITE) != 0;
    }

    /** Asks the selector for writability while bytes wait, and only then. */
    void updateInterest() {
        int wanted = SelectionKey.OP_READ
            | (writer.hasPending() || wire.hasPendingOutput() ? SelectionKey.OP_WRITE : 0);
        if (wanted != interest && key.isValid()) {
            interest = wanted;
            key.interestOps(wanted);
        }
    }

    @Override
    public boolean onFrame(int channelId, DirectBuffer buffer, int offset, int length) {
        if (state == State.ESTABLISHED) {
            return onData(channelId, buffer, offset, length);
        }
        if (channelId != CodecChannel.CONTROL) {
            links.refuse(this, HandshakeRefusal.MALFORMED, "a frame on channel " + channelId + " before the handshake completed");
            return false;
        }
        Handshake.Step step = handshake.onMessage(buffer, offset, length);
        if (step.reply() != null) {
            try {
                sendControl(step.reply());
            } catch (IOException e) {
                links.refuse(this, HandshakeRefusal.CLOSED, "the peer went away during the handshake: " + e.getMessage());
                return false;
            }
        }
        switch (step.outcome()) {
            case CONTINUE -> {
                return true;
            }
            case ESTABLISHED -> {
                state = State.ESTABLISHED;
                reader.maxFrameLength(reactor.maxFrameLength());
                links.established(this, handshake.peer());
                return state == State.ESTABLISHED;
            }
            default -> {
                links.refuse(this, step.refusal(), step.detail());
                return false;
            }
        }
    }

    private boolean onData(int channelId, DirectBuffer buffer, int offset, int length) {
        if (channelId == CodecChannel.CONTROL) {
            links.refuseFrame(this, "a handshake frame after the handshake");
            return false;
        }
        MessageCodec codec = reactor.codec(channelId);
        if (codec == null) {
            links.refuseFrame(this, "a frame on channel " + channelId + ", which carries no messages");
            return false;
        }
        int frameLength = length + Frame.HEADER_LENGTH;
        if (!reactor.admit(peer, frameLength)) {
            return true;
        }
        Message message;
        try {
            message = codec.decode(buffer, offset, length);
        } catch (RuntimeException e) {
            // Malformed bytes, or a codec that trips over them: either way this peer's stream is
            // no longer trusted, and nothing else is affected.
            links.refuseFrame(this, "an undecodable " + length + "-byte body on channel " + channelId + ": " + e);
            return false;
        }
        if (message == null) {
            links.refuseFrame(this, "channel " + channelId + "'s codec decoded nothing from " + length + " bytes");
            return false;
        }
        reactor.deliver(peer, message, frameLength);
        return true;
    }

    private void sendControl(byte[] body) throws IOException {
        controlBody.wrap(body);
        writer.append(CodecChannel.CONTROL, controlBody, 0, body.length);
        flush();
    }

    private void advance() throws IOException {
        if (state == State.SECURING && wire.isReady()) {
            state = State.HANDSHAKING;
            if (handshake.isDialer()) {
                sendControl(handshake.hello());
            }
        }
    }

    void close() {
        if (state != State.CLOSED) {
            wire.shutdown();
        }
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
