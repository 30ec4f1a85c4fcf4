package io.synod.examples.coordination.wire;

/**
 * What precedes every server frame after the handshake: the request's xid echoed (or a special
 * {@link Xid}), the zxid the server had applied when it answered, and the error code (0 = OK).
 */
public record ReplyHeader(int xid, long zxid, int err) implements JuteRecord {

    /** The encoded size. */
    public static final int BYTES = 16;

    @Override
    public void write(JuteWriter out) {
        out.writeInt(xid).writeLong(zxid).writeInt(err);
    }

    public static ReplyHeader read(JuteReader in) {
        return new ReplyHeader(in.readInt("ReplyHeader.xid"), in.readLong("ReplyHeader.zxid"), in.readInt("ReplyHeader.err"));
    }
}
