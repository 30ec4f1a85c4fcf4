package io.synod.runtime;

import io.synod.api.Command;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.session.SessionTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.synod.runtime.LogBuilder.add;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions open, renew, end and expire through the log, in log time, alike on every replica. */
class ReplicatedSessionsTest {

    private final Counter counter = new Counter();
    private final ReplicatedState state = new ReplicatedState(counter);
    private final Outcomes out = new Outcomes();
    private final LogBuilder log = new LogBuilder();
    private final List<Long> opened = new ArrayList<>();

    private long open(long timeoutMillis) {
        long id = log.nextSessionId(0);
        state.apply(log.next(log.open(timeoutMillis)), new Outcomes() {
            @Override
            public void onApplied(io.synod.api.ApplyContext ctx, Command c, byte[] result) {
                opened.add(ByteBuffer.wrap(result).getLong());
            }
        });
        assertEquals(id, opened.get(opened.size() - 1), "the id is where the open applied");
        return id;
    }

    @Test
    void anIdIsWhereTheOpenAppliedAndARetriedOpenFindsTheSameSession() {
        Command open = log.open(5_000);
        List<Long> ids = new ArrayList<>();
        Outcomes listen = new Outcomes() {
            @Override
            public void onApplied(io.synod.api.ApplyContext ctx, Command c, byte[] result) {
                if (c.clientId() == io.synod.runtime.session.SystemCommand.OPEN) {
                    ids.add(ByteBuffer.wrap(result).getLong());
                }
            }
        };
        state.apply(log.next(add(Command.NO_SESSION, 1, 0), open), listen);
        state.apply(log.next(open), listen);
        assertEquals(List.of(SessionTable.idAt(1, 1), SessionTable.idAt(1, 1)), ids);
        assertEquals(1, state.sessions().size());
    }

    @Test
    void aRequestedTimeoutIsBoundedByTheReplicatedRules() {
        state.apply(log.next(log.configure(new SessionConfig(16, 3_000, 2_000, 4_000), true)), out);
        long low = open(10);
        long high = open(60_000);
        long asDefault = open(0);
        assertEquals(2_000, state.sessions().timeoutMillis(low));
        assertEquals(4_000, state.sessions().timeoutMillis(high));
        assertEquals(3_000, state.sessions().timeoutMillis(asDefault));
    }

    @Test
    void aSilentSessionExpiresAtTheFirstEntryPastItsTimeoutAndTheStateMachineHearsIt() {
        long id = open(2_000);
        log.after(2_000);
        state.apply(log.next(log.time()), out);
        assertTrue(state.sessions().contains(id), "lastActive + timeout == T: not yet");
        log.after(1);
        state.apply(log.next(log.time()), out);
        assertFalse(state.sessions().contains(id));
        assertEquals(List.of("session " + id + " expired at 3.1"), out.lines, "after the entry's one command");
        assertEquals(List.of(id + " at 3.1 1@" + log.clock() + " " + id + "#0"), counter.ended);
        state.apply(log.next(add(id, 1, 5)), out);
        assertEquals(id + "#1 session_expired", out.lines.get(out.lines.size() - 1), "no command of it applies after");
    }

    @Test
    void commandsAndRenewalsKeepASessionAliveAndExpiriesComeInDeadlineThenIdOrder() {
        long quiet = open(1_000);
        long busy = open(1_000);
        long renewed = open(1_000);
        long alsoQuiet = open(1_000);
        for (int i = 1; i <= 3; i++) {
            log.after(600);
            state.apply(log.next(add(busy, i, 1), log.renew(renewed)), out);
        }
        assertFalse(state.sessions().contains(quiet));
        assertFalse(state.sessions().contains(alsoQuiet));
        assertTrue(state.sessions().contains(busy));
        assertTrue(state.sessions().contains(renewed));
        assertEquals(List.of(busy + "#1=1", busy + "#2=2", "session " + quiet + " expired at 6.2",
            "session " + alsoQuiet + " expired at 6.3", busy + "#3=3"), out.lines,
            "the two quiet sessions share a deadline: the lower id first");
    }

    @Test
    void theFirstEntryOfANewTermGivesEverySessionGraceSinceNoClientCouldRenewWithoutALeader() {
        long id = open(1_000);
        log.after(5_000).term(2);
        state.apply(log.next(log.time()), out);
        assertTrue(state.sessions().contains(id), "the election took 5 s, but the new term's first entry resets the clock");
        log.after(1_001);
        state.apply(log.next(log.time()), out);
        assertFalse(state.sessions().contains(id), "a timeout after the grace point it expires");
    }

    @Test
    void anOldLeadersTimeWithinTheSameTermGivesNoGrace() {
        long id = open(1_000);
        log.after(5_000);
        state.apply(log.next(log.time()), out);
        assertFalse(state.sessions().contains(id));
    }

    @Test
    void aClosedSessionEndsAtTheCloseAndItsCommandsAreRefusedAfter() {
        long id = open(1_000);
        state.apply(log.next(add(id, 1, 1), log.close(id)), out);
        state.apply(log.next(add(id, 2, 1), log.close(id)), out);
        assertEquals(List.of(id + "#1=1", "session " + id + " closed at 2.1", id + "#2 session_expired"), out.lines,
            "a second close of the same session changes nothing");
        assertEquals(1, counter.ended.size());
    }

    @Test
    void anInitialConfigurationAppliesOnceAndAnExplicitOneReplacesIt() {
        SessionConfig first = new SessionConfig(8, 2_000, 1_000, 3_000);
        SessionConfig second = new SessionConfig(16, 2_000, 1_000, 3_000);
        state.apply(log.next(log.configure(first, true), log.configure(second, true)), out);
        assertEquals(first, state.sessions().config(), "a second leader's initial rules do not override the first's");
        state.apply(log.next(log.configure(second, false)), out);
        assertEquals(second, state.sessions().config());
        assertTrue(state.sessions().configured());
    }

    @Test
    void aFifoSessionHoldsACommandBackUntilTheGapBeforeItFills() {
        long id = log.nextSessionId(0);
        state.apply(log.next(log.openFifo(5_000)), out);
        state.apply(log.next(add(id, 3, 100), add(id, 2, 10)), out);
        assertEquals(0, counter.applied, "2 and 3 wait for 1");
        state.apply(log.next(add(id, 3, 100)), out);
        state.apply(log.next(add(id, 1, 1)), out);
        assertEquals(List.of(id + "#1=1", id + "#2=11", id + "#3=111"), out.lines, "applied in order, each once");
        assertEquals(List.of("4.0 1@1000000 " + id + "#1", "4.1 1@1000000 " + id + "#2", "4.2 1@1000000 " + id + "#3"),
            counter.seen, "released commands take the positions after the entry's batch");
    }

    @Test
    void aSnapshotKeepsOnlyUnacknowledgedResultsAndHeldCommandsAndARestoredReplicaStaysByteIdentical() {
        long plain = open(5_000);
        long fifo = log.nextSessionId(0);
        state.apply(log.next(log.openFifo(5_000)), out);
        state.apply(log.next(add(plain, 1, 1), add(plain, 2, 1), add(plain, 3, 2, 1), add(fifo, 2, 7)), out);
        assertEquals(1, state.sessions().remembered(plain), "only 3 is unacknowledged");
        ReplicatedState restored = new ReplicatedState(new Counter());
        ReplicatedStateTest.restore(restored, state.snapshotMeta(), ReplicatedStateTest.written(state));
        assertArrayEquals(state.sessions().encode(), restored.sessions().encode());
        Outcomes heard = new Outcomes();
        var next = log.next(add(fifo, 1, 1));
        state.apply(next, new Outcomes());
        restored.apply(next, heard);
        assertEquals(List.of(fifo + "#1=4", fifo + "#2=11"), heard.lines, "the held command survived the snapshot");
        assertArrayEquals(state.sessions().encode(), restored.sessions().encode());
    }
}
