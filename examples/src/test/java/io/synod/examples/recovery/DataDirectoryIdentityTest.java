package io.synod.examples.recovery;

import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.IdentityMismatchException;
import io.synod.spi.NodeIdentity;
import io.synod.spi.Transport;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory belongs to one node of one cluster, through the real runtime: the first start
 * records who it is, a restart of that node carries on, and a node started on another node's
 * directory, or another cluster's, is refused with both named and without a byte written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataDirectoryIdentityTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(5)).withRequestTimeout(Duration.ofSeconds(30));

    @TempDir
    Path data;

    private final InJvmNetwork network = new InJvmNetwork();

    private Replica.Builder replica(int self, String cluster, Transport transport, FileStorage storage) {
        return Replica.builder().protocol(MultiPaxos.builder().build()).self(self).members(self).clusterId(cluster)
            .transport(transport).storage(storage).stateMachine(new KeyValueStore()).config(CONFIG);
    }

    /** Starts node 1 of cluster "alpha" on the directory once and writes to it. */
    private void firstStart() throws Exception {
        try (Replica replica = replica(1, "alpha", network.join(1), FileStorage.open(data, StorageOptions.defaults())).start()) {
            replica.submit(KeyValueStore.put("colour", "blue")).get(30, TimeUnit.SECONDS);
        }
    }

    private Map<Path, byte[]> contents() throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("LOCK")).toList()) {
                files.put(data.relativize(f), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private IdentityMismatchException refused(int self, String cluster) throws IOException {
        Map<Path, byte[]> before = contents();
        Transport transport = network.join(self);
        FileStorage storage = FileStorage.open(data, StorageOptions.defaults());
        try {
            return assertThrows(IdentityMismatchException.class, () -> replica(self, cluster, transport, storage).start());
        } finally {
            storage.close();
            transport.close();
            Map<Path, byte[]> after = contents();
            assertEquals(before.keySet(), after.keySet(), "a refused start creates or deletes no file");
            before.forEach((file, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(file)), file + " changed"));
        }
    }

    @Test
    void theSameNodeOfTheSameClusterRestartsOnItsDirectory() throws Exception {
        firstStart();
        try (Replica replica = replica(1, "alpha", network.join(1), FileStorage.open(data, StorageOptions.defaults())).start()) {
            assertEquals("blue", KeyValueStore.text(replica.read(KeyValueStore.get("colour")).get(30, TimeUnit.SECONDS)));
        }
    }

    @Test
    void anotherNodeIsRefusedOnThisNodesDirectoryWithBothIdsNamed() throws Exception {
        firstStart();
        IdentityMismatchException e = refused(2, "alpha");
        assertEquals(new NodeIdentity("alpha", 1), e.recorded());
        assertEquals(new NodeIdentity("alpha", 2), e.claimed());
        assertTrue(e.getMessage().contains("node 1 of cluster \"alpha\"") && e.getMessage().contains("node 2 of cluster \"alpha\"")
            && e.getMessage().contains(data.toString()), e.getMessage());
    }

    @Test
    void aNodeOfAnotherClusterIsRefusedWithBothIdsNamed() throws Exception {
        firstStart();
        IdentityMismatchException e = refused(1, "beta");
        assertEquals(new NodeIdentity("alpha", 1), e.recorded());
        assertTrue(e.getMessage().contains("cluster \"alpha\"") && e.getMessage().contains("cluster \"beta\""), e.getMessage());
    }

    @Test
    void withoutAClusterIdTheDefaultIsRecorded() throws Exception {
        try (Replica replica = Replica.builder().protocol(MultiPaxos.builder().build()).self(1).members(1)
            .transport(network.join(1)).storage(FileStorage.open(data, StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start()) {
            replica.submit(KeyValueStore.put("colour", "red")).get(30, TimeUnit.SECONDS);
        }
        IdentityMismatchException e = refused(1, "alpha");
        assertEquals(new NodeIdentity(NodeIdentity.DEFAULT_CLUSTER, 1), e.recorded());
    }
}
