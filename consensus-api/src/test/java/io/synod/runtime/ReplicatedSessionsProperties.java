package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.session.SessionTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sessions are replicated state: replicas that apply the same log end in byte-identical session
 * tables and end the same sessions at the same places, whatever differs between them locally —
 * how often they keep digests, what they replayed at start, the session rules they would propose,
 * and whether they got part of the state from a snapshot.
 */
class ReplicatedSessionsProperties {

    /** What a replica may have of its own; none of it may show in the replicated state. */
    record Local(long digestEvery, long replayThrough, SessionConfig wouldPropose) {
    }

    @Property(tries = 300)
    void replicasWithDifferentLocalSettingsEndInByteIdenticalSessionTables(@ForAll("logs") List<LogEntry> log,
                                                                          @ForAll("locals") Local a,
                                                                          @ForAll("locals") Local b,
                                                                          @ForAll("cuts") int snapshotAt) {
        Replica first = new Replica(a);
        Replica second = new Replica(b);
        int cut = Math.min(snapshotAt, log.size());
        for (int i = 0; i < cut; i++) {
            first.apply(log.get(i));
        }
        // The second replica joins late, from a snapshot of the first: it never saw how the table grew.
        if (cut > 0) {
            ReplicatedStateTest.restore(second.state, first.state.snapshotMeta(), ReplicatedStateTest.written(first.state));
        }
        for (int i = cut; i < log.size(); i++) {
            first.apply(log.get(i));
            second.apply(log.get(i));
            assertArrayEquals(first.state.sessions().encode(), second.state.sessions().encode(),
                "session tables differ after entry " + log.get(i).index());
        }
        assertEquals(first.outcomes.lines.subList(first.linesAtCut(cut), first.outcomes.lines.size()), second.outcomes.lines,
            "the same outcomes and session ends, at the same places");
        assertEquals(first.counter.total, second.counter.total);
    }

    /** One replica: its state, its state machine, and what it heard. */
    private static final class Replica {
        final Counter counter = new Counter();
        final ReplicatedState state;
        final Outcomes outcomes = new Outcomes() {
            @Override
            public void onSessionEnded(io.synod.api.ApplyContext ctx, long sessionId, boolean expired) {
                lines.add("session " + sessionId + (expired ? " expired" : " closed") + " at " + ctx.index() + "."
                    + ctx.position() + " time " + ctx.timestamp());
            }
        };
        final List<Integer> linesPerEntry = new ArrayList<>();

        Replica(Local local) {
            state = new ReplicatedState(counter, local.digestEvery());
            state.replayThrough(local.replayThrough());
        }

        void apply(LogEntry entry) {
            state.apply(entry, outcomes);
            linesPerEntry.add(outcomes.lines.size());
        }

        int linesAtCut(int cut) {
            return cut == 0 ? 0 : linesPerEntry.get(cut - 1);
        }
    }

    @Provide
    Arbitrary<Local> locals() {
        return net.jqwik.api.Combinators.combine(Arbitraries.longs().between(1, 64), Arbitraries.longs().between(0, 40),
            Arbitraries.integers().between(1, 64)).as((every, replay, window) ->
            new Local(every, replay, SessionConfig.DEFAULTS.withResultWindow(window)));
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 60);
    }

    /**
     * Logs of 20 to 80 entries written by a changing leader: sessions opened (some FIFO), commands
     * of open, closed and expired sessions with retries, gaps and acknowledgements, renewals,
     * closes, configuration changes, time entries, and leader clocks that jump and lag.
     */
    @Provide
    Arbitrary<List<LogEntry>> logs() {
        return Arbitraries.longs().map(ReplicatedSessionsProperties::log);
    }

    private static List<LogEntry> log(long seed) {
        Random random = new Random(seed);
        LogBuilder b = new LogBuilder();
        List<Long> sessions = new ArrayList<>();
        List<long[]> numbers = new ArrayList<>(); // per session: next sequence, acknowledged
        List<LogEntry> entries = new ArrayList<>();
        int length = 20 + random.nextInt(61);
        long term = 1;
        for (int e = 0; e < length; e++) {
            b.after(random.nextInt(10) == 0 ? -random.nextInt(500) : random.nextInt(900));
            if (random.nextInt(8) == 0) {
                b.term(++term);
            }
            List<Command> batch = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int p = 0; p < count; p++) {
                int roll = random.nextInt(100);
                if (roll < 15 || sessions.isEmpty()) {
                    batch.add(random.nextInt(5) == 0 ? b.openFifo(500 + random.nextInt(2500)) : b.open(500 + random.nextInt(2500)));
                    sessions.add(SessionTable.idAt(b.index() + 1, p));
                    numbers.add(new long[] {1, 0});
                } else if (roll < 70) {
                    int s = random.nextInt(sessions.size());
                    long[] n = numbers.get(s);
                    long seq = random.nextInt(6) == 0 ? Math.max(1, n[0] - 1 - random.nextInt(3)) // a retry
                        : random.nextInt(8) == 0 ? n[0] + 1 + random.nextInt(2)                     // a gap
                        : n[0];
                    n[0] = Math.max(n[0], seq + 1);
                    long acked = Math.min(seq - 1, random.nextInt(3) == 0 ? n[1] + random.nextInt(3) : n[1]);
                    n[1] = Math.max(n[1], acked);
                    batch.add(LogBuilder.add(sessions.get(s), seq, acked, random.nextInt(20) == 0 ? -1 : 1 + random.nextInt(9)));
                } else if (roll < 82) {
                    long[] ids = random.longs(1 + random.nextInt(3), 0, sessions.size()).map(i -> sessions.get((int) i)).toArray();
                    batch.add(b.renew(ids));
                } else if (roll < 88) {
                    batch.add(b.close(sessions.get(random.nextInt(sessions.size()))));
                } else if (roll < 93) {
                    int window = 1 + random.nextInt(8);
                    batch.add(b.configure(new SessionConfig(window, 1_500, 600, 3_000), random.nextBoolean()));
                } else {
                    batch.add(b.time());
                }
            }
            entries.add(b.next(batch.toArray(Command[]::new)));
        }
        return entries;
    }
}
