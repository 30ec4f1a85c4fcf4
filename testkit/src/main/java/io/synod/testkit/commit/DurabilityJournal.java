package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import io.synod.spi.Transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches one node's driver keep the order "persist, then send": wraps the node's record log and
 * its transport, and notes every append, every sync and every send, in the order they happen.
 * A send while appended records are not yet synced is a violation — a peer could see a vote or a
 * decision the node would forget in a crash. Counting syncs also shows whether concurrent
 * transactions shared forced writes.
 *
 * <p>Thread-safe: the driver thread writes, a test thread reads.
 *
 * <pre>{@code
 * DurabilityJournal journal = new DurabilityJournal();
 * CommitNode node = CommitNode.start(protocol, 2, nodes, journal.transport(network.join(2)), journal.log(new MemoryLogStore()), ...);
 * // ... run transactions ...
 * assertEquals(List.of(), journal.violations());
 * }</pre>
 */
public final class DurabilityJournal {

    /** Violations kept word for word; later ones are only counted. */
    private static final int KEPT = 8;

    private final List<String> violations = new ArrayList<>();
    private int violationCount;
    private long appendedThrough;
    private long syncedThrough;
    private int syncs;
    private int sends;

    /** {@code inner}, with its appends and syncs noted here. */
    public LogStore log(LogStore inner) {
        synchronized (this) {
            appendedThrough = inner.lastIndex();
            syncedThrough = appendedThrough;
        }
        return new JournaledLog(inner);
    }

    /** {@code inner}, with its sends checked against the log's syncs. */
    public Transport transport(Transport inner) {
        return new JournaledTransport(inner);
    }

    /** The first sends that left while records were appended but not synced, and how many more did. */
    public synchronized List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        if (violationCount > KEPT) {
            all.add("... and " + (violationCount - KEPT) + " more");
        }
        return all;
    }

    /** Syncs of the record log so far. */
    public synchronized int syncs() {
        return syncs;
    }

    /** Messages sent so far. */
    public synchronized int sends() {
        return sends;
    }

    private synchronized void appended(long lastIndex) {
        appendedThrough = lastIndex;
    }

    private synchronized void synced() {
        syncs++;
        syncedThrough = appendedThrough;
    }

    private synchronized void sent(Envelope envelope) {
        sends++;
        if (syncedThrough < appendedThrough && ++violationCount <= KEPT) {
            violations.add(envelope + " left while records " + (syncedThrough + 1) + ".." + appendedThrough + " were not synced");
        }
    }

    private final class JournaledLog implements LogStore {
        private final LogStore inner;

        JournaledLog(LogStore inner) {
            this.inner = inner;
        }

        @Override
        public long firstIndex() {
            return inner.firstIndex();
        }

        @Override
        public long lastIndex() {
            return inner.lastIndex();
        }

        @Override
        public void append(List<LogEntry> entries) {
            inner.append(entries);
            appended(inner.lastIndex());
        }

        @Override
        public void truncateSuffix(long fromIndex) {
            inner.truncateSuffix(fromIndex);
        }

        @Override
        public void compactPrefix(long throughIndex) {
            inner.compactPrefix(throughIndex);
        }

        @Override
        public LogEntry entry(long index) {
            return inner.entry(index);
        }

        @Override
        public List<LogEntry> entries(long fromIndex, long toIndex) {
            return inner.entries(fromIndex, toIndex);
        }

        @Override
        public void sync() {
            inner.sync();
            synced();
        }

        @Override
        public void reset(long snapshotIndex) {
            inner.reset(snapshotIndex);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private final class JournaledTransport implements Transport {
        private final Transport inner;

        JournaledTransport(Transport inner) {
            this.inner = inner;
        }

        @Override
        public int self() {
            return inner.self();
        }

        @Override
        public void send(Envelope envelope) {
            sent(envelope);
            inner.send(envelope);
        }

        @Override
        public int poll(EnvelopeHandler handler, int limit) {
            return inner.poll(handler, limit);
        }

        @Override
        public void onArrival(Runnable wake) {
            inner.onArrival(wake);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
