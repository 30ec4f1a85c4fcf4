package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.ConnectionView;
import io.synod.examples.coordination.metrics.ConnectionStats;
import io.synod.examples.coordination.metrics.ServerMetrics;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.MalformedFrameException;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyFrames;
import io.synod.examples.coordination.wire.RequestDecoder;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.UnsupportedRequest;
import io.synod.examples.coordination.wire.WatcherEvent;
import io.synod.examples.coordination.wire.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's TCP connection to a {@link ClientPort}: its handshake, its requests in order, its replies
 * and watch events.
 *
 * <p>Lifecycle: {@code AWAITING_CONNECT} (the first frame must be a ConnectRequest) → {@code AWAITING_ANSWER}
 * (nothing read until the handler answers it) → {@code ESTABLISHED} → {@code CLOSING} (nothing read; the
 * owed replies are sent) → {@code CLOSED}. A connection whose first four bytes are a four-letter word the
 * handler takes goes to {@code COMMAND} instead (nothing read), then to {@code CLOSING} with its answer.
 * A malformed frame, a length above the limit, an unsupported op
 * (after its UNIMPLEMENTED reply) or a client that does not read its watch events closes this connection and
 * no other.
 *
 * <p>Back-pressure, as ZooKeeper does it: a connection whose replies wait to be sent ({@code maxOutboundBytes}
 * or more) or that has {@code maxOutstandingRequests} unanswered is not read until it catches up. Replies
 * never close it: they answer requests the client chose to send, and it is throttled instead. Only watch
 * events, which the server pushes unasked, count towards the limit that disconnects a client that does not read.
 * A client that takes no byte of what waits for it during a whole session timeout (the handshake timeout
 * before it has a session) is closed too: ZooKeeper, which does not read it meanwhile, would see no ping and
 * expire its session in that time.
 *
 * <p>Its public methods may be called from any thread; each becomes a task on the port's I/O thread, run
 * in the order given. Everything else runs on that thread.
 */
public final class ClientConnection implements ConnectionView {

    private enum State { AWAITING_CONNECT, AWAITING_ANSWER, ESTABLISHED, COMMAND, CLOSING, CLOSED }

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientPort port;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final long id;
    private final InetSocketAddress remote;
    private final long acceptedNanos;
    private final FrameAssembler assembler;
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private final ArrayDeque<PendingReply> owed = new ArrayDeque<>();
    private final OutboundBuffer outbound = new OutboundBuffer();
    private final ConnectionStats stats = new ConnectionStats();
    private final ServerMetrics metrics;
    private volatile int outstanding;
    private volatile int interestOps = SelectionKey.OP_READ;
    private volatile long sessionId;
    private volatile int sessionTimeout;
    private volatile long establishedMillis;
    private State state = State.AWAITING_CONNECT;
    private String closingReason;
    private volatile ConnectRequest connectRequest;
    private volatile Object attachment;
    private volatile boolean open = true;
    /** A task to send answered replies is queued: replies answered meanwhile ride on it. */
    private final AtomicBoolean answersDue = new AtomicBoolean();
    /** Output waits for the port's flush at the end of its loop: one gathering write for all of it. */
    private boolean flushQueued;

    ClientConnection(ClientPort port, SocketChannel channel, SelectionKey key, long id, long acceptedNanos) throws IOException {
        this.port = port;
        this.channel = channel;
        this.key = key;
        this.id = id;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.acceptedNanos = acceptedNanos;
        this.assembler = new FrameAssembler(port.config().maxFrameBytes());
        this.metrics = port.metrics();
    }

    /** A number unique among this port's connections. */
    public long id() {
        return id;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The handshake, once it arrived (null before). */
    public ConnectRequest connectRequest() {
        return connectRequest;
    }

    /** Whatever the handler keeps with this connection (its session, its identities). */
    public void attach(Object value) {
        attachment = value;
    }

    public Object attachment() {
        return attachment;
    }

    /** False once the connection is closed. */
    public boolean isOpen() {
        return open;
    }

    /** The session answered in the handshake (0 before, or for a refused one). */
    public long sessionId() {
        return sessionId;
    }

    /** The session timeout granted in the handshake, in ms. */
    public int sessionTimeout() {
        return sessionTimeout;
    }

    /** When the handshake was answered (epoch ms; 0 before). */
    public long establishedMillis() {
        return establishedMillis;
    }

    /** Requests read and not yet answered. */
    public int outstandingRequests() {
        return outstanding;
    }

    /** The selector interest last set (read 1, write 4), as ZooKeeper's {@code cons} prints it. */
    public int interestOps() {
        return interestOps;
    }

    public ConnectionStats stats() {
        return stats;
    }

    /** ZooKeeper's {@code crst} for this connection. */
    public void resetStats() {
        port.submit(stats::reset);
    }

    /**
     * Answers a four-letter word taken by {@link RequestHandler#command}: sends {@code text} (UTF-8), then
     * closes. The text is not bounded by {@code maxOutboundBytes}: the server wrote it, not the client.
     */
    public void answerCommand(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        port.submit(() -> {
            if (state == State.COMMAND) {
                outbound.addCommandAnswer(bytes);
                closeWhenAnswered0("four-letter word answered");
                flushSoon();
            }
        });
    }

    /** Answers the handshake: the session is open, requests are read from now on. */
    public void establish(ConnectResponse response) {
        byte[] frame = handshakeAnswer(response);
        port.submit(() -> {
            if (state == State.AWAITING_ANSWER) {
                sessionId = response.sessionId();
                sessionTimeout = response.timeOut();
                establishedMillis = System.currentTimeMillis();
                metrics.sent();
                stats.pushed();
                enqueue(frame);
                if (state == State.AWAITING_ANSWER) {
                    state = State.ESTABLISHED;
                    processInbound();
                }
            }
        });
    }

    /** Answers the handshake with a refusal (expired session, wrong password), then closes. */
    public void refuse(ConnectResponse response) {
        byte[] frame = handshakeAnswer(response);
        port.submit(() -> {
            if (state == State.AWAITING_ANSWER) {
                enqueue(frame);
                closeWhenAnswered0("handshake refused");
            }
        });
    }

    /** Sends a watch notification now, ahead of replies still owed. */
    public void sendEvent(long zxid, WatcherEvent event) {
        byte[] frame = ReplyFrames.notification(zxid, event);
        port.submit(() -> {
            if (state == State.ESTABLISHED || state == State.CLOSING) {
                metrics.sent();
                stats.pushed();
                enqueueEvent(frame);
            }
        });
    }

    /** Stops reading, sends the replies still owed (once given), then closes: after closeSession. */
    public void closeWhenAnswered(String reason) {
        port.submit(() -> closeWhenAnswered0(reason));
    }

    /** Closes at once, dropping whatever is not yet sent. */
    public void close(String reason) {
        port.submit(() -> closeNow(reason));
    }

    @Override
    public String toString() {
        return "connection " + id + " from " + remote;
    }

    private byte[] handshakeAnswer(ConnectResponse response) {
        ConnectRequest request = connectRequest;
        if (request == null) {
            throw new IllegalStateException(this + " has not sent its ConnectRequest");
        }
        if (response.oldClient() != request.oldClient()) {
            throw new IllegalArgumentException("the ConnectResponse must " + (request.oldClient() ? "omit" : "carry")
                + " the readOnly byte, as the client's request did");
        }
        return ReplyFrames.connect(response);
    }

    // ---- on the I/O thread ----

    void onReadable(ByteBuffer buffer) {
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            closeNow("read failed: " + e.getMessage());
            return;
        }
        if (read < 0) {
            closeNow("closed by the client");
            return;
        }
        buffer.flip();
        try {
            assembler.feed(buffer, inbound::add, state == State.AWAITING_CONNECT ? this::takeCommand : null);
        } catch (MalformedFrameException e) {
            closeNow("refused a frame: " + e.getMessage());
            return;
        }
        processInbound();
    }

    private boolean takeCommand(int word) {
        if (state == State.AWAITING_CONNECT && port.handler().command(this, word)) {
            state = State.COMMAND;
            return true;
        }
        return false;
    }

    void onWritable() {
        write();
    }

    /** A reply was given (on any thread): send what is now at the head, in order. */
    void replyCompleted() {
        if (answersDue.compareAndSet(false, true)) {
            port.submit(this::sendAnsweredReplies);
        }
    }

    /** The gathering writes made on this connection so far. */
    long writeCalls() {
        return outbound.writeCalls();
    }

    /** The longest reply payload sent: what a request may be (jute.maxbuffer plus room for headers). */
    int maxReplyBytes() {
        return port.config().maxFrameBytes();
    }

    boolean handshakeOverdue(long nowNanos, long timeoutNanos) {
        return state == State.AWAITING_CONNECT && nowNanos - acceptedNanos > timeoutNanos;
    }

    private void sendAnsweredReplies() {
        // Cleared before the head is looked at: a reply answered after this asks for a task of its own.
        answersDue.set(false);
        while (state != State.CLOSED && !owed.isEmpty() && owed.peek().isComplete()) {
            PendingReply reply = owed.poll();
            outstanding = owed.size();
            long elapsed = System.nanoTime() - reply.startNanos();
            metrics.outstanding(-1);
            metrics.sent();
            metrics.latency().record(elapsed);
            stats.answered(reply.operation(), reply.xid(), reply.zxid(), elapsed, System.currentTimeMillis());
            enqueue(reply.frame());
        }
        processInbound();
    }

    private void processInbound() {
        while (!inbound.isEmpty() && mayProcess()) {
            byte[] frame = inbound.poll();
            metrics.received();
            stats.received();
            if (state == State.AWAITING_CONNECT) {
                handshake(frame);
            } else {
                request(frame);
            }
        }
        finishClosingIfDone();
        updateInterest();
    }

    private boolean mayProcess() {
        return state == State.AWAITING_CONNECT
            || (state == State.ESTABLISHED && owed.size() < port.config().maxOutstandingRequests()
                && outbound.bytes() < port.config().maxOutboundBytes());
    }

    private void handshake(byte[] frame) {
        ConnectRequest request;
        try {
            request = RequestDecoder.decodeConnect(frame, 0, frame.length);
        } catch (MalformedFrameException e) {
            closeNow("refused its ConnectRequest: " + e.getMessage());
            return;
        }
        connectRequest = request;
        state = State.AWAITING_ANSWER;
        try {
            port.handler().connect(this, request);
        } catch (RuntimeException e) {
            closeNow("the handler failed on the handshake: " + e);
        }
    }

    private void request(byte[] frame) {
        ClientRequest request;
        try {
            request = RequestDecoder.decode(frame, 0, frame.length);
        } catch (MalformedFrameException e) {
            closeNow("refused a request: " + e.getMessage());
            return;
        }
        if (request.request() instanceof UnsupportedRequest unsupported) {
            PendingReply reply = owe(request.xid(), "UNIMPLEMENTED");
            reply.fail(-1, ErrorCode.UNIMPLEMENTED);
            closeWhenAnswered0("unsupported request type " + unsupported.type());
            return;
        }
        try {
            if (request.request().op() == OpCode.PING) {
                owe(Xid.PING, "PING").complete(port.handler().ping(this), Response.EMPTY);
            } else {
                port.handler().request(this, request, owe(request.xid(), request.request().op().name()));
            }
        } catch (RuntimeException e) {
            closeNow("the handler failed on " + request.request().op() + ": " + e);
        }
    }

    private PendingReply owe(int xid, String operation) {
        PendingReply reply = new PendingReply(this, xid, operation, System.nanoTime());
        owed.add(reply);
        outstanding = owed.size();
        metrics.outstanding(1);
        return reply;
    }

    /** Queues a reply (or a handshake answer): bounded by the requests read, never a reason to disconnect. */
    private void enqueue(byte[] frame) {
        if (state == State.CLOSED) {
            return;
        }
        outbound.addReply(frame);
        flushSoon();
    }

    /** Queues a watch event: a client whose unsent events would pass the limit does not read, and is closed. */
    private void enqueueEvent(byte[] frame) {
        if (state == State.CLOSED) {
            return;
        }
        long limit = port.config().maxOutboundBytes();
        long waiting = outbound.eventBytesWith(frame.length);
        if (waiting > limit) {
            closeNow("does not read: " + waiting + " bytes of watch events would wait to be sent, more than " + limit);
            return;
        }
        outbound.addEvent(frame);
        flushSoon();
    }

    /**
     * Leaves the write to the port's flush after this loop's tasks and reads, so that the replies and events
     * of one loop leave in one system call instead of one each.
     */
    private void flushSoon() {
        if (!flushQueued) {
            flushQueued = true;
            port.flushLater(this);
        }
    }

    /** Called by the port on its thread, once for each {@link #flushSoon} since the last. */
    void flush() {
        flushQueued = false;
        if (state != State.CLOSED) {
            write();
        }
    }

    private void write() {
        try {
            outbound.writeTo(channel, port.gatherBuffers());
        } catch (IOException e) {
            closeNow("write failed: " + e.getMessage());
            return;
        }
        finishClosingIfDone();
        if (state == State.ESTABLISHED && !inbound.isEmpty() && mayProcess()) {
            processInbound(); // the replies waiting fell under the limit: requests read before may go on
        } else {
            updateInterest();
        }
    }

    /**
     * True if bytes have waited for the client and it took none of them for {@code timeoutNanos}: it does not
     * read. (The port asks every sweep, with the session timeout or, before one, the handshake timeout.)
     */
    boolean notReading(long nowNanos, long handshakeTimeoutNanos) {
        if (state == State.CLOSED) {
            return false;
        }
        long bound = sessionTimeout > 0 ? TimeUnit.MILLISECONDS.toNanos(sessionTimeout) : handshakeTimeoutNanos;
        return outbound.notTakenWithin(nowNanos, bound);
    }

    private void closeWhenAnswered0(String reason) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        closingReason = reason;
        finishClosingIfDone();
        updateInterest();
    }

    private void finishClosingIfDone() {
        if (state == State.CLOSING && owed.isEmpty() && outbound.isEmpty()) {
            closeNow(closingReason);
        }
    }

    private void updateInterest() {
        if (state == State.CLOSED || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (mayProcess() && inbound.isEmpty()) {
            ops |= SelectionKey.OP_READ;
        }
        if (!outbound.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
        interestOps = ops;
    }

    void closeNow(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        open = false;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // The socket is gone either way.
        }
        if (!owed.isEmpty()) {
            // the client sees ConnectionLoss for each of these: worth a line, unlike an ordinary close
            LOG.info("{} closed with {} requests unanswered: {}", this, owed.size(), reason);
        }
        inbound.clear();
        outbound.clear();
        metrics.outstanding(-owed.size());
        owed.clear();
        outstanding = 0;
        interestOps = 0;
        port.closed(this, reason);
    }
}
