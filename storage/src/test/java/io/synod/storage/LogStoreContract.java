package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every {@link LogStore} must do, run against each implementation. */
abstract class LogStoreContract {

    protected LogStore log;

    /** A fresh, empty store. */
    protected abstract LogStore create() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        log = create();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    static LogEntry entry(long index, long term) {
        return new LogEntry(index, term, ("entry " + index + "@" + term).getBytes(StandardCharsets.UTF_8));
    }

    static List<LogEntry> entries(long from, long through, long term) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= through; i++) {
            list.add(entry(i, term));
        }
        return list;
    }

    @Test
    void asALogReaderItGivesTermsAndRangesBoundedByBytes() {
        log.append(entries(1, 5, 2));
        log.append(entries(6, 8, 3));
        assertEquals(2, log.term(5));
        assertEquals(3, log.term(6));
        int one = entry(1, 2).data().length;
        assertEquals(entries(2, 4, 2), log.entries(2, 9, 3L * one), "stops once the bytes reach the bound");
        assertEquals(entries(2, 2, 2), log.entries(2, 9, 1), "at least one entry");
        assertEquals(List.of(), log.entries(4, 4, 10));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> log.entries(7, 10, Long.MAX_VALUE));
    }

    @Test
    void emptyLogStartsAtOne() {
        assertEquals(1, log.firstIndex());
        assertEquals(0, log.lastIndex());
        assertEquals(List.of(), log.entries(1, 1));
    }

    @Test
    void appendedEntriesReadBack() {
        log.append(entries(1, 10, 3));
        log.sync();
        assertEquals(10, log.lastIndex());
        assertEquals(entry(4, 3), log.entry(4));
        assertEquals(entries(3, 7, 3), log.entries(3, 8));
    }

    @Test
    void appendThatLeavesAGapIsRefusedAndChangesNothing() {
        log.append(entries(1, 3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.append(List.of(entry(4, 1), entry(6, 1))));
        assertEquals(3, log.lastIndex(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.append(List.of(entry(3, 2))));
        assertEquals(entry(3, 1), log.entry(3));
    }

    @Test
    void readsOutsideTheLogAreRefused() {
        log.append(entries(1, 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(0));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(4));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entries(2, 5));
    }

    @Test
    void truncateSuffixDropsTheTailAndAppendingContinuesThere() {
        log.append(entries(1, 10, 1));
        log.truncateSuffix(6);
        assertEquals(5, log.lastIndex());
        log.append(entries(6, 8, 2));
        assertEquals(entries(1, 5, 1), log.entries(1, 6));
        assertEquals(entries(6, 8, 2), log.entries(6, 9));
        log.truncateSuffix(20);
        assertEquals(8, log.lastIndex());
    }

    @Test
    void compactPrefixMovesTheFirstIndex() {
        log.append(entries(1, 10, 1));
        log.compactPrefix(4);
        assertEquals(5, log.firstIndex());
        assertEquals(10, log.lastIndex());
        assertEquals(entry(5, 1), log.entry(5));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(4));
        log.compactPrefix(2);
        assertEquals(5, log.firstIndex());
    }

    @Test
    void compactPrefixPastTheEndLeavesAnEmptyLogThatContinuesAfterIt() {
        log.append(entries(1, 5, 1));
        log.compactPrefix(9);
        assertEquals(10, log.firstIndex());
        assertEquals(9, log.lastIndex());
        log.append(entries(10, 11, 2));
        assertEquals(entries(10, 11, 2), log.entries(10, 12));
    }

    @Test
    void truncatingEverythingKeepsTheFirstIndex() {
        log.append(entries(1, 10, 1));
        log.compactPrefix(4);
        log.truncateSuffix(2);
        assertEquals(5, log.firstIndex());
        assertEquals(4, log.lastIndex());
    }

    @Test
    void resetRestartsTheLogAfterTheSnapshot() {
        log.append(entries(1, 10, 1));
        log.reset(7);
        assertEquals(8, log.firstIndex());
        assertEquals(7, log.lastIndex());
        log.append(entries(8, 9, 5));
        assertEquals(entries(8, 9, 5), log.entries(8, 10));
        log.reset(3);
        assertEquals(4, log.firstIndex());
        assertEquals(3, log.lastIndex());
    }

    @Test
    void aSuspectRangeMergesAndClearsOnlyOnceTheLogStartsPastIt() {
        assertEquals(0, log.suspectFrom());
        log.append(entries(1, 10, 1));
        log.markSuspect(5, 7);
        log.markSuspect(3, 6);
        assertEquals(3, log.suspectFrom());
        log.compactPrefix(6);
        assertEquals(3, log.suspectFrom(), "index 7 may still be lost");
        log.compactPrefix(7);
        assertEquals(0, log.suspectFrom(), "a snapshot covers every index that may have been lost");
        log.markSuspect(9, 12);
        log.reset(11);
        assertEquals(9, log.suspectFrom(), "12 lies above the snapshot");
        log.reset(12);
        assertEquals(0, log.suspectFrom());
    }

    @Test
    void aSuspectRangeMustBeARange() {
        assertThrows(IllegalArgumentException.class, () -> log.markSuspect(0, 3));
        assertThrows(IllegalArgumentException.class, () -> log.markSuspect(5, 4));
        assertEquals(0, log.suspectFrom());
    }
}
