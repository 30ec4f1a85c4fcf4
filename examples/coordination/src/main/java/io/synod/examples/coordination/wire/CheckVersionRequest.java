package io.synod.examples.coordination.wire;

/** check (13), valid only as an op of a multi: the node exists and its data version matches. */
public record CheckVersionRequest(String path, int version) implements Request {

    @Override
    public OpCode op() {
        return OpCode.CHECK;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeInt(version);
    }

    public static CheckVersionRequest read(JuteReader in) {
        return new CheckVersionRequest(in.readString("CheckVersionRequest.path"), in.readInt("CheckVersionRequest.version"));
    }
}
