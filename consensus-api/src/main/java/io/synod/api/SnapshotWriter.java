package io.synod.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A consistent view of a state machine's state, taken on the replica thread by
 * {@link StateMachine#snapshot()} and written out later by {@link #writeTo} on a background
 * thread while the replica thread goes on applying commands. The view must therefore not change
 * when the state machine does: an immutable root, a copy-on-write structure, or a copy.
 *
 * <pre>{@code
 * public SnapshotWriter snapshot() {
 *     PersistentMap<String, byte[]> view = tree;          // immutable: later writes make new roots
 *     return out -> Codec.writeTree(view, out);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SnapshotWriter {

    /**
     * Writes the view to {@code out}, which the caller closes. Called once, on a thread other than
     * the replica's; must not touch the live state machine.
     */
    void writeTo(OutputStream out) throws IOException;

    /** A writer of bytes already taken: for state machines small enough to copy whole. */
    static SnapshotWriter of(byte[] bytes) {
        byte[] view = bytes.clone();
        return out -> out.write(view);
    }
}
