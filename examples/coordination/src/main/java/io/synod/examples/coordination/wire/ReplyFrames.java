package io.synod.examples.coordination.wire;

/**
 * The frames a server sends, length prefix included: the handshake answer, replies (header, then the body
 * only when the error is 0) and watch notifications.
 */
public final class ReplyFrames {

    private ReplyFrames() {
    }

    public static byte[] connect(ConnectResponse response) {
        JuteWriter out = JuteWriter.framed();
        response.write(out);
        return out.toFrame();
    }

    /** A reply; {@code body} is written only if {@code header.err()} is 0, as clients expect. */
    public static byte[] reply(ReplyHeader header, Response body) {
        JuteWriter out = JuteWriter.framed();
        header.write(out);
        if (header.err() == 0 && body != null) {
            body.write(out);
        }
        return out.toFrame();
    }

    /** A watch notification: xid -1, the zxid of the change, no error, then the event. */
    public static byte[] notification(long zxid, WatcherEvent event) {
        return reply(new ReplyHeader(Xid.NOTIFICATION, zxid, 0), event);
    }
}
