package io.synod.examples.coordination.tree;

import java.io.IOException;

/** A tree snapshot that cannot be trusted: the message names the byte offset and what is wrong. */
public final class CorruptSnapshotException extends IOException {
    private final long offset;

    public CorruptSnapshotException(String what, long offset) {
        super("corrupt tree snapshot at offset " + offset + ": " + what);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
