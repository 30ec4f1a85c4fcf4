package io.synod.examples.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.ReplicaDivergedException;
import io.synod.runtime.ReplicaHealth;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica whose state machine is nondeterministic drifts from the others without a single
 * protocol rule broken. The runtime's running digest, compared through the log every few
 * entries, finds it: the replica in the minority stops, the others name it and carry on. The
 * same workload with a deterministic state machine on every replica is the control.
 */
class DivergenceTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults().withDigestEvery(4);

    /** A key-value store that tags every value it appends with a setting of its own replica; appends answer the new value. */
    static final class LocalFlavour implements StateMachine {
        private final KvStateMachine store = new KvStateMachine();
        private final String flavour;

        LocalFlavour(String flavour) {
            this.flavour = flavour;
        }

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            KvOp op = KvOp.decode(command);
            return store.apply(ctx, op.isRead() ? command : new KvOp(op.kind(), op.key(), op.value() + flavour).encode());
        }

        @Override
        public SnapshotWriter snapshot() {
            return store.snapshot();
        }

        @Override
        public void restore(InputStream in) throws IOException {
            store.restore(in);
        }
    }

    /** Answers every command alike ("ok"), but keeps what only this replica saw: caught by its digest alone. */
    static final class SilentDrift implements StateMachine {
        private final String local;
        private long digest;

        SilentDrift(String local) {
            this.local = local;
        }

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            digest = digest * 31 + (new String(command, StandardCharsets.UTF_8) + local).hashCode();
            return "ok".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long digest() {
            return digest;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(Long.toString(digest).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void restore(InputStream in) throws IOException {
            digest = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void write(ThreeReplicas cluster, int commands) throws Exception {
        for (int i = 0; i < commands; i++) {
            int at = cluster.awaitLeader(runningMembers(cluster));
            try {
                cluster.replica(at).submit(KvOp.append("k" + (i % 3), "." + i).encode()).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException leaderStopped) {
                i--; // the leader was the replica that diverged and stopped: ask the next one
            }
        }
    }

    private static int[] runningMembers(ThreeReplicas cluster) {
        return java.util.Arrays.stream(ThreeReplicas.MEMBERS).filter(id -> cluster.replica(id).health().isRunning()).toArray();
    }

    private void theMinorityStopsAndTheMajorityNamesIt(IntFunction<StateMachine> machines) throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), machines, id -> CONFIG).start()) {
            write(cluster, 40);
            ThreeReplicas.await("replica 3 to stop", () -> !cluster.replica(3).health().isRunning());
            ReplicaHealth diverged = cluster.replica(3).health();
            assertEquals(ReplicaHealth.State.STOPPED, diverged.state());
            ReplicaDivergedException cause = assertInstanceOf(ReplicaDivergedException.class, diverged.failure());
            assertTrue(cause.getMessage().contains("replica 3's digest after entry"), cause.getMessage());

            ThreeReplicas.await("replicas 1 and 2 to name replica 3",
                () -> cluster.replica(1).health().divergences() > 0 && cluster.replica(2).health().divergences() > 0);
            write(cluster, 10);
            assertTrue(cluster.replica(1).health().isRunning() && cluster.replica(2).health().isRunning(),
                "the majority carries on");
        }
    }

    @Test
    void aReplicaWhoseResultsDifferStopsAndTheOthersCarryOn() throws Exception {
        theMinorityStopsAndTheMajorityNamesIt(id -> new LocalFlavour(id == 3 ? "-us" : "-eu"));
    }

    @Test
    void aReplicaWhoseStateDriftsSilentlyIsCaughtByTheStateMachinesDigest() throws Exception {
        theMinorityStopsAndTheMajorityNamesIt(id -> new SilentDrift(id == 3 ? "us" : "eu"));
    }

    @Test
    void controlDeterministicReplicasCompareDigestsAndAllCarryOn() throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new LocalFlavour("-eu"), id -> CONFIG).start()) {
            write(cluster, 40);
            for (int id : ThreeReplicas.MEMBERS) {
                Replica r = cluster.replica(id);
                ThreeReplicas.await("replica " + id + " to compare digests", () -> r.health().digestsCompared() >= 4);
                assertTrue(r.health().isRunning());
                assertEquals(0, r.health().divergences(), "replica " + id);
            }
        }
    }
}
