package io.synod.examples.coordination.server;

import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.wire.ReplyFrames;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.Response;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The reply owed to one request: completed once, from any thread. The frame is encoded by the completing
 * thread; the connection sends it when every earlier request of the connection has been answered. A reply
 * longer than a request may be (a getChildren of very many or long names) is answered MARSHALLINGERROR
 * instead, where ZooKeeper would send it for the client to refuse and reconnect.
 */
public final class PendingReply {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PendingReply.class);

    private final ClientConnection connection;
    private final int xid;
    private final AtomicReference<byte[]> frame = new AtomicReference<>();
    private final String operation;
    private final long startNanos;
    private volatile long zxid;

    PendingReply(ClientConnection connection, int xid, String operation, long startNanos) {
        this.connection = connection;
        this.xid = xid;
        this.operation = operation;
        this.startNanos = startNanos;
    }

    /** The xid the reply will carry. */
    public int xid() {
        return xid;
    }

    /** A successful reply at {@code zxid} (the last zxid this server applied, or the write's own). */
    public void complete(long zxid, Response body) {
        this.zxid = zxid;
        byte[] frame = ReplyFrames.reply(new ReplyHeader(xid, zxid, 0), body);
        int limit = connection.maxReplyBytes();
        if (frame.length - 4 > limit) {
            // ZooKeeper sends it, and the client, whose jute.maxbuffer it passes, drops the connection and retries
            // forever; an error names the problem instead.
            LOG.warn("{}: the reply to {} would be {} bytes, more than the {} a frame may hold (jute.maxbuffer); "
                + "answered MARSHALLINGERROR", connection, operation, frame.length - 4, limit);
            frame = ReplyFrames.reply(new ReplyHeader(xid, zxid, ErrorCode.MARSHALLING_ERROR.code()), null);
        }
        answer(frame);
    }

    /** A failed reply: the header alone, with the error code. */
    public void fail(long zxid, ErrorCode error) {
        if (error == ErrorCode.OK) {
            throw new IllegalArgumentException("a failure needs an error code other than OK");
        }
        this.zxid = zxid;
        answer(ReplyFrames.reply(new ReplyHeader(xid, zxid, error.code()), null));
    }

    /** Whether the reply was given. */
    public boolean isComplete() {
        return frame.get() != null;
    }

    byte[] frame() {
        return frame.get();
    }

    /** The request's op, for {@code cons}. */
    String operation() {
        return operation;
    }

    /** When the request was handed over ({@link System#nanoTime}), for its latency. */
    long startNanos() {
        return startNanos;
    }

    long zxid() {
        return zxid;
    }

    private void answer(byte[] bytes) {
        if (!frame.compareAndSet(null, bytes)) {
            throw new IllegalStateException("the reply to xid " + xid + " was already given");
        }
        connection.replyCompleted();
    }
}
