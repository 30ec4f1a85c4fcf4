package io.synod.examples.coordination.wire;

/** What precedes every client request after the handshake: its id and its {@link OpCode} number. */
public record RequestHeader(int xid, int type) implements JuteRecord {

    /** The encoded size. */
    public static final int BYTES = 8;

    @Override
    public void write(JuteWriter out) {
        out.writeInt(xid).writeInt(type);
    }

    public static RequestHeader read(JuteReader in) {
        return new RequestHeader(in.readInt("RequestHeader.xid"), in.readInt("RequestHeader.type"));
    }
}
