package io.synod.zab;

import io.synod.api.Effects;
import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A learner's catch-up is cut by bytes as well as by count, so that a NEWLEADER, PROPOSAL or INFORM
 * of large entries stays below a transport's frame bound (a NEWLEADER of 1,024 batches of a
 * coordination service's creates exceeded 4 MiB and was dropped at every try, so the learner never
 * caught up); an entry larger than the bound still travels, alone.
 */
class MessageBytesTest {

    @Test
    void entriesAreCutWhereTheNextWouldPassTheByteBound() {
        ZabLog log = logOf(100, 100, 100, 100, 100);
        assertEquals(List.of(1L, 2L, 3L), indexes(log.entries(1, 5, 1024, 300)));
        assertEquals(List.of(1L, 2L), indexes(log.entries(1, 5, 1024, 299)));
        assertEquals(List.of(2L, 3L), indexes(log.entries(2, 5, 2, 1 << 20)), "the count still bounds it");
        assertEquals(List.of(4L, 5L), indexes(log.entries(4, 9, 1024, 1 << 20)), "and the end of the log");
    }

    @Test
    void anEntryLargerThanTheBoundTravelsAlone() {
        ZabLog log = logOf(10, 5_000, 10);
        assertEquals(List.of(1L), indexes(log.entries(1, 3, 1024, 100)));
        assertEquals(List.of(2L), indexes(log.entries(2, 3, 1024, 100)));
        assertEquals(List.of(3L), indexes(log.entries(3, 3, 1024, 100)));
    }

    @Test
    void theBoundIsConfiguredAndChecked() {
        assertEquals(1 << 20, Zab.builder().build().maxMessageBytes());
        assertEquals(4096, Zab.builder().maxMessageBytes(4096).build().maxMessageBytes());
        assertThrows(IllegalArgumentException.class, () -> Zab.builder().maxMessageBytes(0).build());
    }

    private static ZabLog logOf(int... sizes) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            entries.add(new LogEntry(i + 1, 1, new byte[sizes[i]]));
        }
        return ZabLog.recover(new Effects(1), new Recovered(null, null, entries));
    }

    private static List<Long> indexes(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::index).toList();
    }
}
