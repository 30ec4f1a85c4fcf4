package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicatedStateTest {

    private final Counter counter = new Counter();
    private final ReplicatedState state = new ReplicatedState(counter, 4);
    private final List<String> results = new ArrayList<>();
    private final ReplicatedState.ResultListener listener =
        (client, seq, result) -> results.add(client + "#" + seq + "=" + (result == null ? "expired" : Counter.value(result)));

    private static LogEntry entry(long index, Command... commands) {
        return new LogEntry(index, 1, CommandBatch.encode(List.of(commands)));
    }

    private static Command add(long client, long seq, long amount) {
        return new Command(client, seq, Counter.add(amount));
    }

    @Test
    void aRetriedCommandIsAnsweredWithItsFirstResultAndAppliedOnce() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        state.apply(entry(2, add(2, 1, 10)), listener);
        state.apply(entry(3, add(1, 1, 5)), listener);
        assertEquals(List.of("1#1=5", "2#1=15", "1#1=5"), results);
        assertEquals(15, counter.total);
        assertEquals(2, counter.applied);
    }

    @Test
    void aCommandBelowItsSessionWindowIsRefusedNotApplied() {
        for (int seq = 1; seq <= 6; seq++) {
            state.apply(entry(seq, add(1, seq, 1)), listener);
        }
        state.apply(entry(7, add(1, 1, 100)), listener);
        assertEquals("1#1=expired", results.get(results.size() - 1));
        assertEquals(6, counter.total);
    }

    @Test
    void entriesAtOrBelowTheAppliedIndexAreSkipped() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        state.apply(entry(1, add(1, 2, 5)), listener);
        assertEquals(1, state.appliedIndex());
        assertEquals(5, counter.total);
    }

    @Test
    void aGapInTheCommittedLogIsAnError() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> state.apply(entry(3, add(1, 2, 5)), listener));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
    }

    @Test
    void aNoopEntryAdvancesTheIndexOnly() {
        state.apply(new LogEntry(1, 9, CommandBatch.NOOP), listener);
        assertEquals(1, state.appliedIndex());
        assertEquals(9, state.appliedTerm());
        assertTrue(results.isEmpty());
    }

    @Test
    void aSnapshotCarriesTheSessionsAlong() {
        state.apply(entry(1, add(1, 1, 5), add(2, 1, 7)), listener);
        Snapshot snapshot = state.snapshot();

        Counter other = new Counter();
        ReplicatedState restored = new ReplicatedState(other, 4);
        restored.restore(snapshot);
        List<String> seen = new ArrayList<>();
        restored.apply(entry(2, add(1, 1, 5), add(1, 2, 1)), (c, s, r) -> seen.add(c + "#" + s + "=" + Counter.value(r)));

        assertEquals(List.of("1#1=5", "1#2=13"), seen, "the retry is recognised after a restore");
        assertEquals(13, other.total);
        assertEquals(2, restored.appliedIndex());
    }

    @Test
    void aMalformedSnapshotIsRefusedWithItsIndex() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> state.restore(new Snapshot(4, 1, new byte[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
    }
}
