package io.synod.examples.runtime;

import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Applied;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client woken by its command's future finds the replica's applied index at or past the command's
 * index: the future completes once the whole entry is applied, not while it is being applied. (A test
 * that read the leader's applied index after its last write, then waited for followers to reach it,
 * once read a follower that lacked that write.) The callbacks run on the replica thread, where the
 * completion happens, so the order is observed exactly.
 */
class AppliedIndexTest {

    @Test
    void aCompletedCommandsIndexIsAlreadyApplied() throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KvStateMachine(),
            id -> ReplicaConfig.defaults()).start()) {
            int leader = cluster.awaitLeader();
            Session session = cluster.replica(leader).openSession(Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
            List<CompletableFuture<String>> seen = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                seen.add(cluster.replica(leader).submit(session.id(), i, KvOp.append("k", "" + i).encode())
                    .thenApply((Applied a) -> {
                        long now = cluster.replica(leader).appliedIndex();
                        return now >= a.index() ? null : "command at index " + a.index() + " completed while the replica had applied " + now;
                    }));
            }
            for (CompletableFuture<String> f : seen) {
                String problem = f.get(60, TimeUnit.SECONDS);
                assertTrue(problem == null, problem);
            }
        }
    }
}
