package io.synod.examples.runtime;

import io.synod.api.ApplyContext;
import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Applied;
import io.synod.runtime.AppliedListener;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.runtime.Session;
import io.synod.runtime.session.SessionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.synod.examples.kv.KeyValueStore.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicated sessions on three real replicas: opened, kept alive, closed and expired through the
 * log, in log time. The leaders' wall clock is the test's, so that log time moves only when the
 * test moves it; everything else runs on real threads and real time, awaited with generous bounds.
 */
class SessionsOnTheRuntimeTest {

    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong wall = new AtomicLong(T0);
    /** Per replica: session id to "index.position at log time", for every session end it applied. */
    private final Map<Integer, Map<Long, String>> ends = new ConcurrentHashMap<>();

    /**
     * Elections are slow here (2 to 4 s without a heartbeat): a new leader's first entry gives every
     * session grace, which would move the expiries this test expects at given log times.
     */
    private ThreeReplicas cluster() {
        ReplicaConfig config = ReplicaConfig.defaults().withTickInterval(Duration.ofMillis(50)).withWallClock(wall::get)
            .withSessions(new SessionConfig(4096, 1_000, 100, 60_000));
        MultiPaxos protocol = MultiPaxos.builder().electionTicks(40).build();
        ThreeReplicas cluster = new ThreeReplicas(protocol, id -> new KeyValueStore(), id -> config);
        for (int id : ThreeReplicas.MEMBERS) {
            Map<Long, String> mine = new ConcurrentHashMap<>();
            ends.put(id, mine);
            cluster.start(id, b -> b.onApplied(new AppliedListener() {
                @Override
                public void onApplied(ApplyContext ctx, byte[] command, byte[] result) {
                }

                @Override
                public void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
                    mine.put(sessionId, ctx.index() + "." + ctx.position() + " at +" + (ctx.timestamp() - T0)
                        + (expired ? " expired" : " closed"));
                }
            }));
        }
        return cluster;
    }

    private void awaitEndEverywhere(long session) throws InterruptedException {
        ThreeReplicas.await("the end of session " + session + " on every replica",
            () -> ends.values().stream().allMatch(m -> m.containsKey(session)));
    }

    @Test
    void aTouchedSessionOutlivesAnUntouchedOneAndEachExpiresAtOneIndexOnEveryReplica() throws Exception {
        try (ThreeReplicas cluster = cluster()) {
            Replica r = cluster.replica(cluster.awaitLeader());
            Session kept = r.openSession(Duration.ofSeconds(1)).get(60, TimeUnit.SECONDS);
            Session dropped = r.openSession(Duration.ofSeconds(1)).get(60, TimeUnit.SECONDS);
            assertEquals(Duration.ofSeconds(1), kept.timeout());

            wall.addAndGet(700);
            r.touch(kept.id());
            // The renewal goes out at r's next tick; entries keep coming (the leader's time entries,
            // one a tick here), so a few more applied entries mean it is in the log.
            long from = r.appliedIndex();
            ThreeReplicas.await("five more entries", () -> r.appliedIndex() >= from + 5);

            wall.addAndGet(800); // +1500: dropped's deadline (+1000) has passed, kept's (+1700) has not
            awaitEndEverywhere(dropped.id());
            assertFalse(ends.get(1).containsKey(kept.id()), "the touch at +700 renewed it: " + ends);
            String where = ends.get(1).get(dropped.id());
            assertTrue(where.endsWith("at +1500 expired"), where);
            for (int id : ThreeReplicas.MEMBERS) {
                assertEquals(where, ends.get(id).get(dropped.id()), "every replica ends it at one index: " + ends);
            }

            wall.addAndGet(300); // +1800
            awaitEndEverywhere(kept.id());
            for (int id : ThreeReplicas.MEMBERS) {
                assertEquals(ends.get(1).get(kept.id()), ends.get(id).get(kept.id()));
            }
            assertTrue(ends.get(1).get(kept.id()).endsWith("at +1800 expired"), ends.toString());
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> r.submit(kept.id(), 1, KeyValueStore.put("late", "x")).get(60, TimeUnit.SECONDS));
            assertEquals(RequestFailedException.Cause.SESSION_EXPIRED, ((RequestFailedException) e.getCause()).failure());
        }
    }

    @Test
    void whatASessionOwnedGoesWhenItClosesOnEveryReplica() throws Exception {
        try (ThreeReplicas cluster = cluster()) {
            int leader = cluster.awaitLeader();
            Replica r = cluster.replica(leader == 1 ? 2 : 1);
            Session s = r.openSession(Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
            Applied owned = r.submit(s.id(), 1, KeyValueStore.own("lock", "mine")).get(60, TimeUnit.SECONDS);
            for (int id : ThreeReplicas.MEMBERS) {
                assertEquals("mine", text(cluster.replica(id).readLocal(owned.index(), KeyValueStore.get("lock"))
                    .get(60, TimeUnit.SECONDS)));
                assertEquals("version=" + owned.index() + "." + owned.position() + " modified=" + T0 + " owner=" + s.id(),
                    text(cluster.replica(id).readLocal(owned.index(), KeyValueStore.stat("lock")).get(60, TimeUnit.SECONDS)),
                    "what the context gave the state machine is the same on every replica");
            }
            r.closeSession(s.id()).get(60, TimeUnit.SECONDS);
            awaitEndEverywhere(s.id());
            for (int id : ThreeReplicas.MEMBERS) {
                assertEquals("", text(cluster.replica(id).read(KeyValueStore.get("lock")).get(60, TimeUnit.SECONDS)));
                assertTrue(ends.get(id).get(s.id()).endsWith("closed"), ends.toString());
            }
        }
    }

    @Test
    void aCommandRetriedThroughAnotherReplicaIsAnsweredWithItsFirstApplication() throws Exception {
        try (ThreeReplicas cluster = cluster()) {
            cluster.awaitLeader();
            Session s = cluster.replica(1).openSession(Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
            Applied first = cluster.replica(1).submit(s.id(), 1, KeyValueStore.put("k", "v1")).get(60, TimeUnit.SECONDS);
            Applied retry = cluster.replica(2).submit(s.id(), 1, KeyValueStore.put("k", "v1")).get(60, TimeUnit.SECONDS);
            assertEquals(first.index(), retry.index());
            assertEquals(first.position(), retry.position());
            assertEquals("", text(retry.result()), "the first answer: there was no previous value");
            Applied second = cluster.replica(3).submit(s.id(), 2, 1, KeyValueStore.put("k", "v2")).get(60, TimeUnit.SECONDS);
            assertTrue(second.index() > first.index());
            assertEquals("v1", text(second.result()));
            // Number 1 was acknowledged with number 2: a copy of it ordered after that is refused; one of
            // the runtime's own earlier copies ordered before it may still answer with the first outcome.
            try {
                Applied late = cluster.replica(2).submit(s.id(), 1, KeyValueStore.put("k", "v1")).get(60, TimeUnit.SECONDS);
                assertEquals(first.index(), late.index(), "only ever the first application");
            } catch (ExecutionException e) {
                assertEquals(RequestFailedException.Cause.EXPIRED, ((RequestFailedException) e.getCause()).failure());
            }
            assertEquals("v2", text(cluster.replica(2).read(KeyValueStore.get("k")).get(60, TimeUnit.SECONDS)),
                "never applied again");
        }
    }

    @Test
    void aFifoSessionAppliesPipelinedCommandsInTheirOrderWhateverOrderTheyArriveIn() throws Exception {
        try (ThreeReplicas cluster = cluster()) {
            int leader = cluster.awaitLeader();
            Replica r = cluster.replica(leader);
            Session s = r.openSession(Duration.ofSeconds(30), true).get(60, TimeUnit.SECONDS);
            long from = r.appliedIndex();
            var second = r.submit(s.id(), 2, KeyValueStore.put("k", "second"));
            // Time entries keep coming (one a tick here): five more mean number 2 reached the log, and waits there.
            ThreeReplicas.await("five more entries", () -> r.appliedIndex() >= from + 5);
            assertFalse(second.isDone(), "number 2 waits for number 1");
            Applied first = r.submit(s.id(), 1, KeyValueStore.put("k", "first")).get(60, TimeUnit.SECONDS);
            Applied then = second.get(60, TimeUnit.SECONDS);
            assertEquals("", text(first.result()));
            assertEquals("first", text(then.result()), "2 applied after 1, though it reached the log first");
            assertEquals(first.index(), then.index(), "released in the entry that filled the gap");
            assertEquals(first.position() + 1, then.position());
        }
    }

    @Test
    void replicatedRulesBoundTheTimeoutsOfSessionsOpenedAfterThem() throws Exception {
        try (ThreeReplicas cluster = cluster()) {
            cluster.awaitLeader();
            Session before = cluster.replica(1).openSession(Duration.ofSeconds(40)).get(60, TimeUnit.SECONDS);
            assertEquals(Duration.ofSeconds(40), before.timeout());
            cluster.replica(2).configureSessions(new SessionConfig(16, 1_000, 500, 20_000)).get(60, TimeUnit.SECONDS);
            Session after = cluster.replica(3).openSession(Duration.ofSeconds(40)).get(60, TimeUnit.SECONDS);
            assertEquals(Duration.ofSeconds(20), after.timeout(), "the new maximum, whichever replica asked");
            Session least = cluster.replica(1).openSession(Duration.ofMillis(1)).get(60, TimeUnit.SECONDS);
            assertEquals(Duration.ofMillis(500), least.timeout());
        }
    }
}
