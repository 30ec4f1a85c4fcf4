package io.synod.api;

import java.util.Arrays;

/**
 * The replicated state as of one log position: everything at or below {@code index} folded in.
 *
 * @param index the last log index the snapshot includes
 * @param term  the term of that entry
 * @param data  the replicated state's bytes (state machine and client sessions)
 */
public record Snapshot(long index, long term, byte[] data) {

    public Snapshot {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.index == index && s.term == term && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(index) + Long.hashCode(term)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[" + index + "@" + term + ", " + data.length + " bytes]";
    }
}
