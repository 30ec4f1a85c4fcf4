package io.synod.examples.runtime;

import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two handles on two replicas given the same client id at once: neither may ever be answered
 * with a result of the other's command. The state machine echoes each command, so a success
 * shows whose command was applied for it.
 */
class SharedClientIdTest {

    /** Answers every command with the command itself. */
    static final class Echo implements StateMachine {
        @Override
        public byte[] apply(long index, byte[] command) {
            return command;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(new byte[0]);
        }

        @Override
        public void restore(InputStream in) {
        }
    }

    @Test
    void twoHandlesWithOneClientIdNeverReceiveEachOthersResults() throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new Echo(), id -> ReplicaConfig.defaults())) {
            cluster.start(3, b -> b);
            Replica first = cluster.start(1, b -> b.clientId(42));
            Replica second = cluster.start(2, b -> b.clientId(42));
            cluster.awaitLeader();
            Map<Replica, String> names = Map.of(first, "first", second, "second");
            List<CompletableFuture<byte[]>> futures = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                for (Replica handle : List.of(first, second)) {
                    byte[] command = (names.get(handle) + "-" + i).getBytes(StandardCharsets.UTF_8);
                    sent.add(command);
                    futures.add(handle.submit(command));
                }
            }
            int succeeded = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assertArrayEquals(sent.get(i), futures.get(i).get(60, TimeUnit.SECONDS),
                        "a command was answered with another command's result");
                    succeeded++;
                } catch (ExecutionException refused) {
                    RequestFailedException f = assertInstanceOf(RequestFailedException.class, refused.getCause());
                    assertTrue(f.failure() == RequestFailedException.Cause.EXPIRED || f.failure() == RequestFailedException.Cause.CONFLICT,
                        "refused as a clash of the two handles, not " + f.failure());
                }
            }
            assertTrue(succeeded >= 100, "the handle started later is never refused for the other's sake: " + succeeded);
        }
    }
}
