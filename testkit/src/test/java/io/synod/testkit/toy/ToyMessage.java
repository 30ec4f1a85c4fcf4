package io.synod.testkit.toy;

import io.synod.api.LogEntry;
import io.synod.api.Message;

import java.util.List;

/** The messages of the test-only primary-backup scheme. */
sealed interface ToyMessage extends Message {

    /** Leader to backup: entries after {@code prevIndex}, and how far the leader has committed. */
    record Append(long term, long prevIndex, long prevTerm, List<LogEntry> entries, long commitIndex) implements ToyMessage {
    }

    /** Backup to leader: my log matches yours up to {@code index}. */
    record Ack(long term, long index) implements ToyMessage {
    }

    /** Backup to leader: I cannot take that; my log (or my agreement with yours) ends at {@code index}. */
    record Nack(long term, long index) implements ToyMessage {
    }
}
