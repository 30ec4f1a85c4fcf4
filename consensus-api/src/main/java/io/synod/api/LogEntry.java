package io.synod.api;

import java.util.Arrays;

/**
 * One record of a replicated log.
 *
 * @param index the log position (Paxos: slot; ZAB: the counter half of a zxid), from 1
 * @param term  the round that wrote it: the ballot (Paxos) or epoch (ZAB) under which the entry
 *              was accepted, so that a recovering replica can tell an old value from a new one
 * @param data  the entry's bytes: for replicated state machines a {@link CommandBatch}, for other
 *              protocols whatever the protocol records
 */
public record LogEntry(long index, long term, byte[] data) {

    public LogEntry {
        if (index < 1) {
            throw new IllegalArgumentException("index must be >= 1, was " + index);
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.index == index && e.term == term && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(index) + Long.hashCode(term)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LogEntry[" + index + "@" + term + ", " + data.length + " bytes]";
    }
}
