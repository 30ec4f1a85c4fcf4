package io.synod.runtime;

import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group of Readys persists with one sync where that changes nothing a crash could leave, and
 * with a sync in between where it would: before a hard state and before a truncation. The
 * background persister runs it off the caller's thread and hands a failure back.
 */
class PersisterTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** Records the calls a persist makes; {@code sync} may be held or made to fail. */
    private final class RecordingLog implements LogStore {
        volatile CountDownLatch syncGate;
        volatile RuntimeException syncFailure;

        @Override
        public long firstIndex() {
            return 1;
        }

        @Override
        public long lastIndex() {
            return 0;
        }

        @Override
        public void append(List<LogEntry> entries) {
            calls.add("append " + entries.get(0).index() + "-" + entries.get(entries.size() - 1).index());
        }

        @Override
        public void truncateSuffix(long fromIndex) {
            calls.add("truncate " + fromIndex);
        }

        @Override
        public void compactPrefix(long throughIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogEntry entry(long index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<LogEntry> entries(long fromIndex, long toIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sync() {
            CountDownLatch gate = syncGate;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (syncFailure != null) {
                throw syncFailure;
            }
            calls.add("sync");
        }

        @Override
        public void reset(long snapshotIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private final RecordingLog log = new RecordingLog();
    private final HardStateStore hardState = new HardStateStore() {
        @Override
        public byte[] load() {
            return new byte[0];
        }

        @Override
        public void save(byte[] state) {
            calls.add("save " + new String(state, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    };

    private static List<LogEntry> entries(long from, long to) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(new LogEntry(i, 1, new byte[0]));
        }
        return out;
    }

    private static Ready persist(String hard, boolean hardAfterLog, long truncateFrom, List<LogEntry> entries) {
        return new Ready(hard == null ? null : hard.getBytes(StandardCharsets.UTF_8), hardAfterLog, truncateFrom, entries,
            List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void appendsOfConsecutiveReadysShareOneSync() {
        Persister.persist(List.of(persist(null, false, 0, entries(1, 2)), persist(null, false, 0, entries(3, 3))), log, hardState);
        assertEquals(List.of("append 1-2", "append 3-3", "sync"), calls);
    }

    @Test
    void aHardStateOfALaterReadyIsStoredOnlyOnceTheEarlierAppendsAreDurable() {
        Persister.persist(List.of(persist(null, false, 0, entries(1, 2)), persist("ballot 2", false, 0, entries(3, 3))),
            log, hardState);
        assertEquals(List.of("append 1-2", "sync", "save ballot 2", "append 3-3", "sync"), calls,
            "persisting one by one never stores the ballot before 1-2 are durable");
    }

    @Test
    void aTruncationOfALaterReadyFollowsTheEarlierAppendsSync() {
        Persister.persist(List.of(persist(null, false, 0, entries(1, 4)), persist(null, false, 3, entries(3, 3))), log, hardState);
        assertEquals(List.of("append 1-4", "sync", "truncate 3", "append 3-3", "sync"), calls);
    }

    @Test
    void aHardStateAfterTheLogWaitsForItsOwnAppends() {
        Persister.persist(List.of(persist("epoch 3", true, 0, entries(1, 1))), log, hardState);
        assertEquals(List.of("append 1-1", "sync", "save epoch 3"), calls);
    }

    @Test
    void theBackgroundPersisterSyncsOffTheCallersThreadAndSaysWhenDone() throws Exception {
        log.syncGate = new CountDownLatch(1);
        CountDownLatch rung = new CountDownLatch(1);
        BackgroundPersister persister = new BackgroundPersister("test-persist", log, hardState, rung::countDown);
        try {
            long ticket = persister.submit(List.of(persist(null, false, 0, entries(1, 1))));
            assertFalse(persister.done(ticket), "submit returned while the sync is held");
            assertThrows(IllegalStateException.class, () -> persister.submit(List.of()), "one group at a time");
            log.syncGate.countDown();
            persister.await(ticket);
            assertTrue(persister.done(ticket));
            assertTrue(rung.await(10, TimeUnit.SECONDS), "the replica's doorbell is rung");
            assertEquals(List.of("append 1-1", "sync"), calls);
        } finally {
            persister.close();
        }
    }

    @Test
    void aFailedSyncIsThrownToTheReplicaThreadAndEndsThePersister() {
        UncheckedIOException eio = new UncheckedIOException("fsync failed", new IOException("EIO"));
        log.syncFailure = eio;
        BackgroundPersister persister = new BackgroundPersister("test-persist", log, hardState, () -> { });
        try {
            long ticket = persister.submit(List.of(persist(null, false, 0, entries(1, 1))));
            assertSame(eio, assertThrows(UncheckedIOException.class, () -> persister.await(ticket)));
            log.syncFailure = null;
            assertThrows(UncheckedIOException.class, () -> persister.submit(List.of(persist(null, false, 0, entries(2, 2)))),
                "nothing more is persisted after a failure");
            assertFalse(calls.contains("sync"));
        } finally {
            persister.close();
        }
    }
}
