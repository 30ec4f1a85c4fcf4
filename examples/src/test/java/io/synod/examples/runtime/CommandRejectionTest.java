package io.synod.examples.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.CommandRejectedException;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A state machine refuses a command deterministically: the client's future fails, no replica's
 * state changes, every replica's digest stays equal (they compare them through the log), and the
 * cluster carries on.
 */
class CommandRejectionTest {

    /** A key-value store whose keys starting with "ro-" cannot be written. */
    static final class ReadOnlyKeys implements StateMachine {
        private final KvStateMachine store = new KvStateMachine();

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            KvOp op = KvOp.decode(command);
            if (!op.isRead() && op.key().startsWith("ro-")) {
                throw new CommandRejectedException("key " + op.key() + " is read-only");
            }
            return store.apply(ctx, command);
        }

        @Override
        public byte[] query(byte[] query) {
            return store.query(query);
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

    @Test
    void aRejectedCommandFailsItsClientOnlyAndEveryReplicaStaysAlike() throws Exception {
        ReplicaConfig config = ReplicaConfig.defaults().withDigestEvery(2);
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new ReadOnlyKeys(), id -> config).start()) {
            int leader = cluster.awaitLeader();
            int follower = leader % 3 + 1;
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> cluster.replica(follower).submit(KvOp.append("ro-x", "1").encode()).get(60, TimeUnit.SECONDS));
            RequestFailedException rejected = assertInstanceOf(RequestFailedException.class, e.getCause());
            assertEquals(RequestFailedException.Cause.REJECTED, rejected.failure());
            assertEquals("key ro-x is read-only", rejected.getMessage());

            for (int i = 0; i < 10; i++) {
                cluster.replica(leader).submit(KvOp.append("a", "" + i).encode()).get(60, TimeUnit.SECONDS);
            }
            long applied = cluster.replica(leader).appliedIndex();
            for (int id : ThreeReplicas.MEMBERS) {
                ThreeReplicas.await("replica " + id + " to apply " + applied, () -> cluster.replica(id).appliedIndex() >= applied);
                assertEquals("", text(cluster.replica(id).readLocal(KvOp.get("ro-x").encode()).get(60, TimeUnit.SECONDS)));
                assertEquals("0123456789", text(cluster.replica(id).readLocal(KvOp.get("a").encode()).get(60, TimeUnit.SECONDS)));
                ThreeReplicas.await("replica " + id + " to compare digests", () -> cluster.replica(id).health().digestsCompared() >= 2);
                assertEquals(0, cluster.replica(id).health().divergences(), "replica " + id + " agrees with the others");
                assertTrue(cluster.replica(id).health().isRunning());
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
