package io.synod.testkit;

import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated disk keeps what a real one would, and refuses writes that break the log's contract. */
class SimDiskTest {

    private static List<LogEntry> entries(long from, int count) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new LogEntry(from + i, 1, new byte[] {(byte) (from + i)}));
        }
        return out;
    }

    private static Ready persist(byte[] hard, long truncate, List<LogEntry> entries) {
        return new Ready(hard, false, truncate, entries, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Ready persistAfterLog(byte[] hard, long truncate, List<LogEntry> entries) {
        return new Ready(hard, true, truncate, entries, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Property(tries = 200)
    void aCrashMidPersistKeepsAPrefixAndWholeHardState(@ForAll @IntRange(min = 1, max = 20) int count, @ForAll long seed) {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 3)));
        disk.persistTorn(persist(new byte[] {2, 2}, 0, entries(4, count)), new SplittableRandom(seed), true);
        List<LogEntry> log = disk.recover().log();
        assertEquals(entries(1, log.size()), log, "the surviving log is a prefix");
        assertTrue(log.size() >= 3 && log.size() <= 3 + count);
        byte[] hard = disk.recover().hardState();
        assertTrue(hard.length == 1 || hard.length == 2, "hard state is old or new, never a mix");
    }

    @Property(tries = 200)
    void aCrashMidPersistTouchesTheLogOnlyAfterTheHardStateIsStored(@ForAll @IntRange(min = 1, max = 20) int count,
                                                                   @ForAll long seed) {
        // The runtime stores the hard state (atomically, durably) before it truncates or appends.
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 5)));
        disk.persistTorn(persist(new byte[] {2, 2}, 3, entries(3, count)), new SplittableRandom(seed), true);
        if (disk.recover().hardState().length == 1) {
            assertEquals(entries(1, 5), disk.recover().log(), "hard state lost, so the log is untouched");
        }
    }

    @Property(tries = 200)
    void aCrashMidPersistLeavesARewriteWholeOrNotAtAll(@ForAll @IntRange(min = 0, max = 20) int count, @ForAll long seed) {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 5)));
        List<LogEntry> tail = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tail.add(new LogEntry(3 + i, 2, new byte[] {9}));
        }
        disk.persistTorn(persist(null, 3, tail), new SplittableRandom(seed), true);
        List<LogEntry> log = disk.recover().log();
        List<LogEntry> rewritten = new ArrayList<>(entries(1, 2));
        rewritten.addAll(tail);
        assertTrue(log.equals(entries(1, 5)) || log.equals(rewritten), "the old log or the new one, never a mix: " + log);
    }

    @Property(tries = 200)
    void aHardStateAfterTheLogSurvivesOnlyWithTheWholeLog(@ForAll @IntRange(min = 1, max = 20) int count, @ForAll long seed) {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 3)));
        disk.persistTorn(persistAfterLog(new byte[] {2, 2}, 0, entries(4, count)), new SplittableRandom(seed), true);
        if (disk.recover().hardState().length == 2) {
            assertEquals(entries(1, 3 + count), disk.recover().log(), "the new hard state vouches for the whole new log");
        }
    }

    @Test
    void aHardStateAfterTheLogIsStoredLastWhenAllGoesWell() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persistAfterLog(new byte[] {7}, 0, entries(1, 2)));
        assertEquals(1, disk.recover().hardState().length);
        assertEquals(entries(1, 2), disk.recover().log());
    }

    @Test
    void theLogReaderShowsRetainedEntriesBelowTheSnapshotAndRecoveryOnlyThoseAfterIt() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(null, 0, entries(1, 10)));
        disk.compact(new SnapshotMeta(6, 1), new byte[] {6}, 2);
        assertEquals(entries(7, 4), disk.recover().log());
        assertEquals(5, disk.reader().firstIndex(), "two entries kept below the snapshot");
        assertEquals(10, disk.reader().lastIndex());
        assertEquals(entries(5, 3), disk.reader().entries(5, 8, Long.MAX_VALUE));
        assertEquals(entries(5, 1), disk.reader().entries(5, 8, 1), "bounded by bytes, at least one entry");
        assertThrows(IndexOutOfBoundsException.class, () -> disk.reader().entries(4, 6, Long.MAX_VALUE));
    }

    @Test
    void anInstalledSnapshotKeepsOnlyTheEntriesAboveIt() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(null, 0, entries(1, 10)));
        disk.install(new SnapshotMeta(8, 3), new byte[] {8});
        assertEquals(entries(9, 2), disk.recover().log());
        assertEquals(9, disk.reader().firstIndex());
        disk.install(new SnapshotMeta(20, 4), new byte[] {20});
        assertEquals(List.of(), disk.recover().log());
        assertEquals(21, disk.reader().firstIndex(), "nothing above it: the log restarts after it");
    }

    @Test
    void compactionKeepsTheSnapshotAndTheLogAfterIt() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(null, 0, entries(1, 10)));
        disk.compact(new SnapshotMeta(6, 1), new byte[0], 0);
        assertEquals(6, disk.recover().snapshot().index());
        assertEquals(entries(7, 4), disk.recover().log());
        disk.persist(persist(null, 9, entries(9, 1)));
        assertEquals(entries(7, 3), disk.recover().log());
    }

    @Test
    void aGapInTheLogIsRefusedWithTheNodeAndIndexes() {
        SimDisk disk = new SimDisk(4);
        disk.persist(persist(null, 0, entries(1, 2)));
        SimDisk.ContractViolation e = assertThrows(SimDisk.ContractViolation.class,
            () -> disk.persist(persist(null, 0, entries(5, 1))));
        assertTrue(e.getMessage().contains("node 4") && e.getMessage().contains("entry 5"), e.getMessage());
    }

    @Test
    void aDamagedTailRecordIsDroppedAndReportedSuspectUntilTheNodeStoresAHardState() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 5)));
        disk.damage(FaultAction.DiskDamage.TAIL_RECORD);
        assertEquals(entries(1, 4), disk.recover().log(), "the damaged record is dropped");
        assertEquals(5, disk.recover().suspectFrom(), "and reported: it may have been acknowledged");
        assertEquals(5, disk.recover().suspectFrom(), "again at the next recovery, the node having written nothing");
        disk.persist(persist(null, 0, entries(5, 1)));
        assertEquals(5, disk.recover().suspectFrom(), "log writes alone do not clear it");
        disk.persist(persist(new byte[] {2}, 0, List.of()));
        assertEquals(0, disk.recover().suspectFrom(), "the node stored a hard state: it had its chance to remember");
    }

    @Test
    void aDamagedSnapshotLeavesOnlyTheHardStateAndEverythingSuspect() {
        SimDisk disk = new SimDisk(1);
        disk.persist(persist(new byte[] {1}, 0, entries(1, 10)));
        disk.compact(new SnapshotMeta(6, 1), new byte[0], 0);
        disk.damage(FaultAction.DiskDamage.SNAPSHOT);
        assertEquals(null, disk.recover().snapshot());
        assertEquals(List.of(), disk.recover().log(), "the log after a lost snapshot is useless");
        assertEquals(1, disk.recover().suspectFrom());
        assertEquals(1, disk.recover().hardState().length, "the hard state is never damaged here");
    }
}
