package io.synod.examples.coordination.tree;

/**
 * Bytes that are not a command (or result) this version encodes: truncated, trailing garbage, an
 * unknown op or create mode, a length past the end, text that is not UTF-8. The message names the
 * offset. A replica applying such a command rejects it deterministically; nothing changes.
 */
public final class MalformedCommandException extends Exception {
    private final int offset;

    public MalformedCommandException(String what, int offset) {
        super(what + " at offset " + offset, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
