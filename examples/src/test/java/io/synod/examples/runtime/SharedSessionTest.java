package io.synod.examples.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Applied;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two clients on two replicas that use one session at once, numbering their commands alike:
 * neither may ever be answered with a result of the other's command. The state machine echoes
 * each command, so a success shows whose command was applied for it; each number is applied once.
 */
class SharedSessionTest {

    /** Answers every command with the command itself. */
    static final class Echo implements StateMachine {
        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
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
    void twoClientsOfOneSessionNeverReceiveEachOthersResults() throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new Echo(), id -> ReplicaConfig.defaults())) {
            cluster.start(3, b -> b);
            Replica first = cluster.start(1, b -> b);
            Replica second = cluster.start(2, b -> b);
            cluster.awaitLeader();
            long session = first.openSession(Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS).id();
            Map<Replica, String> names = Map.of(first, "first", second, "second");
            List<CompletableFuture<Applied>> futures = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                for (Replica handle : List.of(first, second)) {
                    byte[] command = (names.get(handle) + "-" + i).getBytes(StandardCharsets.UTF_8);
                    sent.add(command);
                    futures.add(handle.submit(session, i, command));
                }
            }
            int succeeded = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assertArrayEquals(sent.get(i), futures.get(i).get(60, TimeUnit.SECONDS).result(),
                        "a command was answered with another command's result");
                    succeeded++;
                } catch (ExecutionException refused) {
                    RequestFailedException f = assertInstanceOf(RequestFailedException.class, refused.getCause());
                    assertTrue(f.failure() == RequestFailedException.Cause.CONFLICT, "refused as a clash, not " + f.failure());
                }
            }
            assertEquals(100, succeeded, "each number applied once, for one of the two clients");
        }
    }
}
