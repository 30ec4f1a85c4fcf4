package io.synod.examples.coordination.wire;

/**
 * The request ids ZooKeeper reserves. Clients number their other requests from 1 upwards and require the
 * replies in the same order; the server echoes each request's xid, except a ping's, answered with
 * {@link #PING} whatever it carried.
 */
public final class Xid {

    /** A watch notification, server to client: a {@link ReplyHeader} then a {@link WatcherEvent}. */
    public static final int NOTIFICATION = -1;
    /** A ping: type {@link OpCode#PING}, no body; the reply is a bare header. */
    public static final int PING = -2;
    /** An {@link AuthPacket}; the reply is a bare header with zxid 0, outside the request order. */
    public static final int AUTH = -4;
    /** SetWatches as the C client sends it (the Java client gives it an ordinary xid). */
    public static final int SET_WATCHES = -8;

    private Xid() {
    }
}
