package io.synod.examples.coordination.wire;

/**
 * A frame that does not hold what its type promises: a length or count beyond the frame, a negative
 * length other than -1 (null), bytes missing or left over. The message names the field and the byte
 * offset in the frame where decoding stopped, so a bad client can be diagnosed from the log alone.
 * The connection that sent the frame is closed; nothing else is affected.
 */
public final class MalformedFrameException extends RuntimeException {

    private final String field;
    private final int offset;

    public MalformedFrameException(String field, int offset, String reason) {
        super(field + " at offset " + offset + ": " + reason);
        this.field = field;
        this.offset = offset;
    }

    /** The field being decoded when the frame was found bad. */
    public String field() {
        return field;
    }

    /** Where in the frame (from its first payload byte) the field starts. */
    public int offset() {
        return offset;
    }
}
