package io.synod.examples.coordination.wire;

/** delete (2): removes a childless node if its data version matches ({@code -1} matches any). */
public record DeleteRequest(String path, int version) implements Request {

    @Override
    public OpCode op() {
        return OpCode.DELETE;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeInt(version);
    }

    public static DeleteRequest read(JuteReader in) {
        return new DeleteRequest(in.readString("DeleteRequest.path"), in.readInt("DeleteRequest.version"));
    }
}
