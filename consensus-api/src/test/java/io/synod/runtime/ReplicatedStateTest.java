package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicatedStateTest {

    private final Counter counter = new Counter();
    private final ReplicatedState state = new ReplicatedState(counter, 4);
    private final List<String> results = new ArrayList<>();
    private final ReplicatedState.ResultListener listener = new ReplicatedState.ResultListener() {
        @Override
        public void onResult(long client, long seq, byte[] result) {
            results.add(client + "#" + seq + "=" + Counter.value(result));
        }

        @Override
        public void onRefused(Command c, ReplicatedState.Refusal refusal, String reason) {
            results.add(c.clientId() + "#" + c.sequence() + " " + refusal.name().toLowerCase(java.util.Locale.ROOT));
        }
    };

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
        assertEquals("1#1 expired", results.get(results.size() - 1));
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
        byte[] snapshot = written(state);

        Counter other = new Counter();
        ReplicatedState restored = new ReplicatedState(other, 4);
        restore(restored, new SnapshotMeta(1, state.appliedTerm()), snapshot);
        List<String> seen = new ArrayList<>();
        restored.apply(entry(2, add(1, 1, 5), add(1, 2, 1)), (c, s, r) -> seen.add(c + "#" + s + "=" + Counter.value(r)));

        assertEquals(List.of("1#1=5", "1#2=13"), seen, "the retry is recognised after a restore");
        assertEquals(13, other.total);
        assertEquals(2, restored.appliedIndex());
    }

    @Test
    void aMalformedSnapshotIsRefusedWithItsIndex() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> restore(state, new SnapshotMeta(4, 1), new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("snapshot 4@1"), e.getMessage());
    }

    @Test
    void aRejectedCommandChangesNothingAndItsRetryIsRejectedAgain() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        state.apply(entry(2, add(1, 2, -3)), listener);
        state.apply(entry(3, add(1, 2, -3), add(1, 3, 1)), listener);
        assertEquals(List.of("1#1=5", "1#2 rejected", "1#2 rejected", "1#3=6"), results);
        assertEquals(6, counter.total);
        assertEquals(2, counter.applied, "the rejected command reached the state machine once, and changed nothing");
    }

    /**
     * A client id reused without its numbering moving on: the new command must neither be taken for
     * the old one (and answered with its result) nor be applied under the old one's number.
     */
    @Test
    void aDifferentCommandUnderAUsedNumberIsAConflictNeverTheOldResult() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        state.apply(entry(2, add(1, 1, 7)), listener);
        assertEquals(List.of("1#1=5", "1#1 conflict"), results);
        assertEquals(5, counter.total);
    }

    @Test
    void aStateMachineThatFailsOtherwiseStopsTheApplyNamingTheCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> state.apply(entry(1, add(4, 2, Counter.BREAK)), listener));
        assertTrue(e.getMessage().contains("4#2") && e.getMessage().contains("entry 1"), e.getMessage());
        assertEquals(0, state.appliedIndex(), "the entry was not applied");
    }

    @Test
    void replicasThatApplyAlikeHoldEqualDigestsAndOneDifferentResultSetsThemApart() {
        ReplicatedState a = new ReplicatedState(new Counter(), 4, 2);
        ReplicatedState b = new ReplicatedState(new Counter(), 4, 2);
        ReplicatedState c = new ReplicatedState(new Counter() {
            @Override
            public byte[] apply(long index, byte[] command) {
                byte[] honest = super.apply(index, command);
                return index == 3 ? add(value(honest) + 1) : honest;
            }
        }, 4, 2);
        for (ReplicatedState r : List.of(a, b, c)) {
            for (int i = 1; i <= 4; i++) {
                r.apply(entry(i, add(1, i, i)), listener);
            }
        }
        assertEquals(a.digestAt(2), b.digestAt(2));
        assertEquals(a.digestAt(4), b.digestAt(4));
        assertEquals(a.digestAt(2), c.digestAt(2), "before the differing result");
        assertTrue(a.digestAt(4) != c.digestAt(4), "a different result at entry 3 changes every later digest");
        assertTrue(!a.hasDigestAt(3), "only every digestEvery-th digest is kept");
    }

    @Test
    void theStateMachinesOwnDigestCatchesADifferenceNoResultShows() {
        ReplicatedState a = new ReplicatedState(new Counter(), 4, 1);
        ReplicatedState b = new ReplicatedState(new Counter() {
            @Override
            public long digest() {
                return total == 3 ? 99 : total;
            }
        }, 4, 1);
        ReplicatedState plain = new ReplicatedState(new Counter() {
            @Override
            public long digest() {
                return total;
            }
        }, 4, 1);
        for (ReplicatedState r : List.of(a, b, plain)) {
            r.apply(entry(1, add(1, 1, 3)), listener);
        }
        assertTrue(plain.digestAt(1) != b.digestAt(1));
        assertTrue(a.digestAt(1) != plain.digestAt(1), "a state digest, when offered, is part of the chain");
    }

    @Test
    void aSnapshotCarriesTheDigestSoARestoredReplicaContinuesTheSameChain() {
        ReplicatedState other = new ReplicatedState(new Counter(), 4, 2);
        ReplicatedState fresh = new ReplicatedState(new Counter(), 4, 2);
        other.apply(entry(1, add(1, 1, 5)), listener);
        other.apply(entry(2, add(1, 2, 5)), listener);
        restore(fresh, other.snapshotMeta(), written(other));
        assertEquals(other.digestAt(2), fresh.digestAt(2));
        for (ReplicatedState r : List.of(other, fresh)) {
            r.apply(entry(3, add(2, 1, 1)), listener);
            r.apply(entry(4, add(2, 2, 1)), listener);
        }
        assertEquals(other.digestAt(4), fresh.digestAt(4));
    }

    @Test
    void aDigestReportReachesTheListenerAndAMalformedOneIsSkippedAlikeEverywhere() {
        List<String> reports = new ArrayList<>();
        ReplicatedState.ResultListener listening = new ReplicatedState.ResultListener() {
            @Override
            public void onResult(long client, long seq, byte[] result) {
                results.add(client + "#" + seq);
            }

            @Override
            public void onDigestReport(int node, long index, long digest) {
                reports.add(node + "@" + index + "=" + digest);
            }
        };
        state.apply(entry(1, new DigestReport(2, 1024, 77).toCommand(), new Command(DigestReport.CLIENT_ID, 5, new byte[3])), listening);
        assertEquals(List.of("2@1024=77"), reports);
        assertTrue(results.isEmpty(), "reports are no client's commands");
        assertEquals(0, counter.applied, "nor the state machine's");
        assertEquals(1, state.appliedIndex());
    }

    @Test
    void aSnapshotOfSomethingElseIsRefusedByItsMagic() {
        byte[] bytes = new byte[64];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> restore(state, new SnapshotMeta(0, 0), bytes));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void aSnapshotIsTheStateWhenItWasTakenNotWhenItIsWritten() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        SnapshotWriter view = state.snapshot();
        SnapshotMeta at = state.snapshotMeta();
        state.apply(entry(2, add(1, 2, 100)), listener);
        ReplicatedState restored = new ReplicatedState(new Counter(), 4);
        restore(restored, at, written(view));
        assertEquals(1, restored.appliedIndex());
        assertEquals(5, Counter.value(restored.query(new byte[0])), "the view was taken before entry 2 applied");
        assertEquals(state.highestSequence(1) - 1, restored.highestSequence(1), "the session table too");
    }

    @Test
    void aSnapshotCutShortIsRefusedAsCutShort() {
        state.apply(entry(1, add(1, 1, 5)), listener);
        byte[] whole = written(state);
        byte[] cut = java.util.Arrays.copyOf(whole, 30);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> restore(new ReplicatedState(new Counter(), 4), state.snapshotMeta(), cut));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }

    static byte[] written(ReplicatedState state) {
        return written(state.snapshot());
    }

    static byte[] written(SnapshotWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void restore(ReplicatedState state, SnapshotMeta meta, byte[] bytes) {
        try {
            state.restore(meta, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
