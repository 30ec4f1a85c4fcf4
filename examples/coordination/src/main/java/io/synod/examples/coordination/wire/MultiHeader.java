package io.synod.examples.coordination.wire;

/**
 * Precedes each op of a multi request and each result of a multi response: the op (or result) type, and
 * whether the list is done. The list ends with {@link #END} = (-1, true, -1). In a response, an error
 * result has type -1 and its code in {@code err}.
 */
public record MultiHeader(int type, boolean done, int err) implements JuteRecord {

    /** The terminator of every multi request and response. */
    public static final MultiHeader END = new MultiHeader(-1, true, -1);
    /** The encoded size. */
    public static final int BYTES = 9;

    @Override
    public void write(JuteWriter out) {
        out.writeInt(type).writeBool(done).writeInt(err);
    }

    public static MultiHeader read(JuteReader in) {
        return new MultiHeader(in.readInt("MultiHeader.type"), in.readBool("MultiHeader.done"), in.readInt("MultiHeader.err"));
    }
}
