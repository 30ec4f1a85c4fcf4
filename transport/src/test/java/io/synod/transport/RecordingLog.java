package io.synod.transport;

import io.synod.api.LogEntry;

import java.util.List;

/**
 * A memory log that writes "append", "truncate" and "sync" into a list its test shares with other
 * recorders (a hard-state store, a state machine), so that the test can read the order in which the
 * runtime made its calls on the replica thread.
 */
final class RecordingLog extends MemoryLogWrapper {

    private final List<String> calls;

    /** {@code calls} must be safe to add to from the replica thread while the test reads it. */
    RecordingLog(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public void append(List<LogEntry> entries) {
        calls.add("append");
        super.append(entries);
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        calls.add("truncate");
        super.truncateSuffix(fromIndex);
    }

    @Override
    public void sync() {
        calls.add("sync");
        super.sync();
    }
}
