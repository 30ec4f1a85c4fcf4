package io.synod.examples.runtime;

import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.Clock;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A leader with a lease is paused — its clock stands still, as a stalled process's would, and it
 * hears nothing — for longer than the lease. Meanwhile the others elect a new leader, which
 * acknowledges a new value. When the old leader resumes, the pause must cost it its lease before
 * it answers any read: a linearizable read there returns the new value, never the old one.
 */
class LeaseAfterPauseTest {

    /** The JVM's clock, or, while paused, the instant the pause began. */
    static final class PausableClock implements Clock {
        private volatile long pausedAt = -1;

        @Override
        public long nanoTime() {
            long paused = pausedAt;
            return paused >= 0 ? paused : System.nanoTime();
        }

        void pause() {
            pausedAt = System.nanoTime();
        }

        void resume() {
            pausedAt = -1;
        }
    }

    @Test
    void aLeaderResumedAfterAPauseLongerThanItsLeaseServesNoStaleRead() throws Exception {
        MultiPaxos leased = MultiPaxos.builder().electionTicks(50).heartbeatTicks(5).leaseTicks(40).build();
        PausableClock[] clocks = {null, new PausableClock(), new PausableClock(), new PausableClock()};
        try (ThreeReplicas cluster = new ThreeReplicas(leased, id -> new KvStateMachine(),
            id -> ReplicaConfig.defaults().withClock(clocks[id])).start()) {
            int old = cluster.awaitLeader();
            cluster.replica(old).submit(KvOp.put("k", "old").encode()).get(60, TimeUnit.SECONDS);
            // A read at the old leader now is served from its lease.
            assertEquals("old", text(cluster.replica(old).read(KvOp.get("k").encode()).get(60, TimeUnit.SECONDS)));

            clocks[old].pause();
            cluster.network.isolate(old);
            int[] others = Arrays.stream(ThreeReplicas.MEMBERS).filter(id -> id != old).toArray();
            int fresh = cluster.awaitLeader(others);
            assertNotEquals(old, fresh);
            cluster.replica(fresh).submit(KvOp.put("k", "new").encode()).get(60, TimeUnit.SECONDS);

            clocks[old].resume();
            CompletableFuture<byte[]> read = cluster.replica(old).read(KvOp.get("k").encode());
            cluster.network.heal();
            // Refused by the deposed leader and retried by the runtime, the read ends at the new leader.
            assertEquals("new", text(read.get(60, TimeUnit.SECONDS)), "the old leader served a read from a lease it no longer had");
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
