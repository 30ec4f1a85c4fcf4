package io.synod.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of a node's durable log, through which a core reads entries it does not keep
 * in memory: a leader sends a lagging peer the entries it compacted out of its own view but the
 * driver still keeps ({@code logRetention} below the snapshot; ZooKeeper's DIFF).
 *
 * <p><b>What it shows.</b> Exactly what earlier {@link Ready}s made durable: a core reading it
 * while it gathers a batch sees nothing of that batch. Entries below the newest snapshot may be
 * kept or gone ({@link #firstIndex()} says); the driver compacts it between inputs, never during one.
 *
 * <p><b>Threading.</b> Only from the core's own thread, during an input.
 *
 * <pre>{@code
 * LogReader log = context.log();
 * if (next >= log.firstIndex()) {
 *     send(peer, new Append(log.entries(next, log.lastIndex() + 1, 1 << 20)));   // from disk
 * } else {
 *     effects.sendSnapshot(peer);                                              // compacted away
 * }
 * }</pre>
 */
public interface LogReader {

    /** The lowest index held; {@code lastIndex() + 1} when the log is empty. */
    long firstIndex();

    /** The highest index held, or {@code firstIndex() - 1} when empty. */
    long lastIndex();

    /**
     * The term of the entry at {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code firstIndex() <= index <= lastIndex()}
     */
    long term(long index);

    /**
     * The entries from {@code fromIndex} up to but excluding {@code toIndex}, stopping after the
     * entry that brings their data to {@code maxBytes} or more (at least one entry when the range
     * is not empty), so that a caller can bound one message.
     *
     * @throws IndexOutOfBoundsException if the range is not empty and leaves the log
     */
    List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes);

    /** A log that holds nothing, after {@code lastIndex}. */
    static LogReader empty(long lastIndex) {
        return of(List.of(), lastIndex + 1);
    }

    /** A fixed list of contiguous entries starting at {@code firstIndex}: for tests and recovered logs. */
    static LogReader of(List<LogEntry> entries, long firstIndex) {
        List<LogEntry> held = List.copyOf(entries);
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).index() != firstIndex + i) {
                throw new IllegalArgumentException("entry " + held.get(i) + " is not at index " + (firstIndex + i));
            }
        }
        return new LogReader() {
            @Override
            public long firstIndex() {
                return firstIndex;
            }

            @Override
            public long lastIndex() {
                return firstIndex + held.size() - 1;
            }

            @Override
            public long term(long index) {
                return entry(index).term();
            }

            @Override
            public List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes) {
                return gather(this::entry, fromIndex, toIndex, maxBytes);
            }

            private LogEntry entry(long index) {
                if (index < firstIndex || index > lastIndex()) {
                    throw new IndexOutOfBoundsException("index " + index + " outside [" + firstIndex + ", " + lastIndex() + "]");
                }
                return held.get((int) (index - firstIndex));
            }
        };
    }

    /** One entry at a time, from a source that reads them singly. */
    @FunctionalInterface
    interface EntrySource {
        LogEntry entry(long index);
    }

    /**
     * Reads {@code [fromIndex, toIndex)} from {@code source} one entry at a time, stopping once
     * {@code maxBytes} of data are gathered: the bounded read {@link #entries} promises.
     */
    static List<LogEntry> gather(EntrySource source, long fromIndex, long toIndex, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = fromIndex; i < toIndex && (out.isEmpty() || bytes < maxBytes); i++) {
            LogEntry e = source.entry(i);
            out.add(e);
            bytes += e.data().length;
        }
        return out;
    }
}
