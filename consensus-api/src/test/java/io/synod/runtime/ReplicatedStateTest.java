package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.runtime.session.SessionConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static io.synod.runtime.LogBuilder.add;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicatedStateTest {

    private final Counter counter = new Counter();
    private final ReplicatedState state = new ReplicatedState(counter);
    private final Outcomes out = new Outcomes();
    private final LogBuilder log = new LogBuilder();
    private long s1;
    private long s2;

    /** Two sessions, opened by entry 1, and a window of 4 results. */
    @BeforeEach
    void openTwoSessions() {
        s1 = log.nextSessionId(1);
        s2 = log.nextSessionId(2);
        state.apply(log.next(log.configure(SessionConfig.DEFAULTS.withResultWindow(4), true), log.open(0), log.open(0)), out);
    }

    @Test
    void aRetriedCommandIsAnsweredWithItsFirstResultAndPlaceAndAppliedOnce() {
        state.apply(log.next(add(s1, 1, 5)), out);
        state.apply(log.next(add(s2, 1, 10)), out);
        state.apply(log.next(add(s1, 1, 5)), out);
        assertEquals(List.of(s1 + "#1=5", s2 + "#1=15", s1 + "#1=5 (retry of 2.0)"), out.lines);
        assertEquals(15, counter.total);
        assertEquals(2, counter.applied);
    }

    @Test
    void aCommandBelowItsSessionsReplicatedWindowIsRefusedNotApplied() {
        for (int seq = 1; seq <= 6; seq++) {
            state.apply(log.next(add(s1, seq, 1)), out);
        }
        state.apply(log.next(add(s1, 2, 1)), out);
        assertEquals(s1 + "#2 expired", out.lines.get(out.lines.size() - 1), "2 <= 6 - 4");
        state.apply(log.next(add(s1, 3, 1)), out);
        assertEquals(s1 + "#3=3 (retry of 4.0)", out.lines.get(out.lines.size() - 1), "3 is inside (2, 6]");
        assertEquals(6, counter.total);
    }

    @Test
    void acknowledgedNumbersAreRefusedAndTheirResultsDropped() {
        state.apply(log.next(add(s1, 1, 1), add(s1, 2, 1)), out);
        state.apply(log.next(add(s1, 3, 2, 1)), out);
        assertEquals(1, state.sessions().remembered(s1), "the results of 1 and 2 were dropped on the acknowledgement");
        state.apply(log.next(add(s1, 2, 7)), out);
        state.apply(log.next(add(s1, 3, 1)), out);
        assertEquals(List.of(s1 + "#1=1", s1 + "#2=2", s1 + "#3=3", s1 + "#2 expired", s1 + "#3=3 (retry of 3.0)"), out.lines);
    }

    @Test
    void aCommandOfASessionNeverOpenedIsRefused() {
        state.apply(log.next(add(12345, 1, 5)), out);
        assertEquals(List.of("12345#1 session_expired"), out.lines);
        assertEquals(0, counter.applied);
    }

    @Test
    void aSessionlessCommandIsAppliedEachTimeItIsChosen() {
        state.apply(log.next(add(Command.NO_SESSION, 1, 5)), out);
        state.apply(log.next(add(Command.NO_SESSION, 1, 5)), out);
        assertEquals(List.of("0#1=5", "0#1=10"), out.lines);
    }

    @Test
    void theContextCarriesIndexPositionTermLeaderTimeSessionAndSequence() {
        log.at(2_000_000).term(7);
        state.apply(log.next(add(s1, 1, 1), add(s2, 1, 1)), out);
        log.at(1_500_000);
        state.apply(log.next(add(s1, 2, 1)), out);
        assertEquals(List.of("2.0 7@2000000 " + s1 + "#1", "2.1 7@2000000 " + s2 + "#1", "3.0 7@2000000 " + s1 + "#2"),
            counter.seen, "log time never moves back, whatever a leader's clock says");
    }

    @Test
    void entriesInTheLogAtStartAreReplays() {
        ReplicatedState restarted = new ReplicatedState(counter);
        restarted.replayThrough(2);
        LogBuilder again = new LogBuilder();
        restarted.apply(again.next(again.open(0)), out);
        long id = again.nextSessionId(0) - (1L << 16);
        restarted.apply(again.next(add(id, 1, 1)), out);
        restarted.apply(again.next(add(id, 2, 1)), out);
        assertTrue(counter.seen.get(0).endsWith("replay"), counter.seen.toString());
        assertTrue(!counter.seen.get(1).endsWith("replay"), counter.seen.toString());
    }

    @Test
    void entriesAtOrBelowTheAppliedIndexAreSkipped() {
        LogEntry first = log.next(add(s1, 1, 5));
        state.apply(first, out);
        state.apply(first, out);
        assertEquals(2, state.appliedIndex());
        assertEquals(5, counter.total);
    }

    @Test
    void aGapInTheCommittedLogIsAnError() {
        log.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> state.apply(log.next(add(s1, 1, 5)), out));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
    }

    @Test
    void aNoopEntryAdvancesTheIndexOnly() {
        state.apply(new LogEntry(2, 9, CommandBatch.NOOP), out);
        assertEquals(2, state.appliedIndex());
        assertEquals(9, state.appliedTerm());
        assertTrue(out.lines.isEmpty());
    }

    @Test
    void aSnapshotCarriesTheSessionsAlong() {
        state.apply(log.next(add(s1, 1, 5), add(s2, 1, 7)), out);
        SnapshotMeta meta = state.snapshotMeta();
        byte[] snapshot = written(state);

        Counter other = new Counter();
        ReplicatedState restored = new ReplicatedState(other);
        restore(restored, meta, snapshot);
        Outcomes seen = new Outcomes();
        restored.apply(log.next(add(s1, 1, 5), add(s1, 2, 1)), seen);

        assertEquals(List.of(s1 + "#1=5 (retry of 2.0)", s1 + "#2=13"), seen.lines, "the retry is recognised after a restore");
        assertEquals(13, other.total);
        assertEquals(3, restored.appliedIndex());
    }

    @Test
    void aMalformedSnapshotIsRefusedWithItsIndex() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> restore(state, new SnapshotMeta(4, 1), new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("snapshot 4@1"), e.getMessage());
    }

    @Test
    void aRejectedCommandChangesNothingAndItsRetryIsRejectedAgain() {
        state.apply(log.next(add(s1, 1, 5)), out);
        state.apply(log.next(add(s1, 2, -3)), out);
        state.apply(log.next(add(s1, 2, -3), add(s1, 3, 1)), out);
        assertEquals(List.of(s1 + "#1=5", s1 + "#2 rejected", s1 + "#2 rejected (retry of 3.0)", s1 + "#3=6"), out.lines);
        assertEquals(6, counter.total);
        assertEquals(2, counter.applied, "the rejected command reached the state machine once, and changed nothing");
    }

    /**
     * A session used by two clients, or a number used twice: the new command must neither be taken
     * for the old one (and answered with its result) nor be applied under the old one's number.
     */
    @Test
    void aDifferentCommandUnderAUsedNumberIsAConflictNeverTheOldResult() {
        state.apply(log.next(add(s1, 1, 5)), out);
        state.apply(log.next(add(s1, 1, 7)), out);
        assertEquals(List.of(s1 + "#1=5", s1 + "#1 conflict"), out.lines);
        assertEquals(5, counter.total);
    }

    @Test
    void aStateMachineThatFailsOtherwiseStopsTheApplyNamingTheCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> state.apply(log.next(add(s1, 2, Counter.BREAK)), out));
        assertTrue(e.getMessage().contains(s1 + "#2") && e.getMessage().contains("entry 2"), e.getMessage());
        assertEquals(1, state.appliedIndex(), "the entry was not applied");
    }

    @Test
    void replicasThatApplyAlikeHoldEqualDigestsAndOneDifferentResultSetsThemApart() {
        ReplicatedState a = new ReplicatedState(new Counter(), 2);
        ReplicatedState b = new ReplicatedState(new Counter(), 2);
        ReplicatedState c = new ReplicatedState(new Counter() {
            @Override
            public byte[] apply(io.synod.api.ApplyContext ctx, byte[] command) {
                byte[] honest = super.apply(ctx, command);
                return ctx.index() == 3 ? add(value(honest) + 1) : honest;
            }
        }, 2);
        for (ReplicatedState r : List.of(a, b, c)) {
            LogBuilder same = new LogBuilder();
            long id = same.nextSessionId(0);
            r.apply(same.next(same.open(0)), out);
            for (int i = 1; i <= 3; i++) {
                r.apply(same.next(add(id, i, i)), out);
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
        ReplicatedState a = new ReplicatedState(new Counter(), 1);
        ReplicatedState b = new ReplicatedState(new Counter() {
            @Override
            public long digest() {
                return total == 3 ? 99 : total;
            }
        }, 1);
        ReplicatedState plain = new ReplicatedState(new Counter() {
            @Override
            public long digest() {
                return total;
            }
        }, 1);
        for (ReplicatedState r : List.of(a, b, plain)) {
            r.apply(new LogEntry(1, 1, CommandBatch.encode(1, 1, List.of(add(Command.NO_SESSION, 1, 3)))), out);
        }
        assertTrue(plain.digestAt(1) != b.digestAt(1));
        assertTrue(a.digestAt(1) != plain.digestAt(1), "a state digest, when offered, is part of the chain");
    }

    @Test
    void aSnapshotCarriesTheDigestSoARestoredReplicaContinuesTheSameChain() {
        ReplicatedState other = new ReplicatedState(new Counter(), 2);
        ReplicatedState fresh = new ReplicatedState(new Counter(), 2);
        LogBuilder b = new LogBuilder();
        long id = b.nextSessionId(0);
        other.apply(b.next(b.open(0)), out);
        other.apply(b.next(add(id, 1, 5)), out);
        restore(fresh, other.snapshotMeta(), written(other));
        assertEquals(other.digestAt(2), fresh.digestAt(2));
        LogEntry third = b.next(add(id, 2, 1));
        LogEntry fourth = b.next(add(id, 3, 1));
        for (ReplicatedState r : List.of(other, fresh)) {
            r.apply(third, out);
            r.apply(fourth, out);
        }
        assertEquals(other.digestAt(4), fresh.digestAt(4));
    }

    @Test
    void aDigestReportReachesTheListenerAndAMalformedOneIsSkippedAlikeEverywhere() {
        state.apply(log.next(new DigestReport(2, 1024, 77).toCommand(), new Command(DigestReport.CLIENT_ID, 5, new byte[3])), out);
        assertEquals(List.of("2@1024=77"), out.reports);
        assertTrue(out.lines.isEmpty(), "reports are no client's commands");
        assertEquals(0, counter.applied, "nor the state machine's");
        assertEquals(2, state.appliedIndex());
    }

    @Test
    void aSnapshotOfSomethingElseIsRefusedByItsMagic() {
        byte[] bytes = new byte[64];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> restore(state, new SnapshotMeta(0, 0), bytes));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void aSnapshotIsTheStateWhenItWasTakenNotWhenItIsWritten() {
        state.apply(log.next(add(s1, 1, 5)), out);
        SnapshotWriter view = state.snapshot();
        SnapshotMeta at = state.snapshotMeta();
        state.apply(log.next(add(s1, 2, 100)), out);
        ReplicatedState restored = new ReplicatedState(new Counter());
        restore(restored, at, written(view));
        assertEquals(2, restored.appliedIndex());
        assertEquals(5, Counter.value(restored.query(new byte[0])), "the view was taken before entry 3 applied");
        assertEquals(state.highestSequence(s1) - 1, restored.highestSequence(s1), "the session table too");
    }

    @Test
    void aSnapshotCutShortIsRefusedAsCutShort() {
        state.apply(log.next(add(s1, 1, 5)), out);
        byte[] whole = written(state);
        byte[] cut = java.util.Arrays.copyOf(whole, 30);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> restore(new ReplicatedState(new Counter()), state.snapshotMeta(), cut));
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
