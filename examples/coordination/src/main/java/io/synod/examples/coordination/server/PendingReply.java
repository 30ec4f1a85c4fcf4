package io.synod.examples.coordination.server;

import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.wire.ReplyFrames;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.Response;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The reply owed to one request: completed once, from any thread. The frame is encoded by the completing
 * thread; the connection sends it when every earlier request of the connection has been answered.
 */
public final class PendingReply {

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
        answer(ReplyFrames.reply(new ReplyHeader(xid, zxid, 0), body));
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
