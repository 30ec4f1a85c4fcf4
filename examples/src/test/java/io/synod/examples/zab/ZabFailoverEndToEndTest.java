package io.synod.examples.zab;

import io.synod.api.Envelope;
import io.synod.api.Protocol;
import io.synod.api.Ready;
import io.synod.examples.kv.KeyValueStore;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.testkit.ForwardingCore;
import io.synod.transport.InJvmNetwork;
import io.synod.zab.Zab;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.NewLeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZAB end to end on the real runtime: three voters and one observer in one JVM with file storage
 * (fsync on) over the in-JVM network. While clients write at every replica (the observer
 * included, which forwards), the leader is closed — its thread ends and its log is closed after
 * the last completed fsync. The survivors elect a new leader, the old one comes back from its data
 * directory and is synchronised by DIFF or TRUNC (never a snapshot: the retained log covers what
 * it missed), and no acknowledged write is lost at any replica, the observer included.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ZabFailoverEndToEndTest {

    private static final int[] VOTERS = {1, 2, 3};
    private static final int OBSERVER = 4;
    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withRequestTimeout(Duration.ofSeconds(60)).withSnapshotEvery(10_000);

    @TempDir
    Path data;

    private final InJvmNetwork network = new InJvmNetwork();
    /** The NEWLEADER messages each replica was synchronised with, in arrival order. */
    private final Map<Integer, List<NewLeader>> syncs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ACKEPOCHs each replica sent: the history it reported to a new leader. */
    private final Map<Integer, List<AckEpoch>> reports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Protocol protocol = ForwardingCore.protocol(Zab.builder().build(), "zab, NEWLEADER recorded",
        core -> new ForwardingCore<>(core) {
            @Override
            public void step(Envelope envelope) {
                if (envelope.message() instanceof NewLeader nl) {
                    syncs.computeIfAbsent(envelope.to(), k -> new CopyOnWriteArrayList<>()).add(nl);
                }
                super.step(envelope);
            }

            @Override
            public Ready ready() {
                Ready r = super.ready();
                for (Envelope e : r.messages()) {
                    if (e.message() instanceof AckEpoch ack) {
                        reports.computeIfAbsent(e.from(), k -> new CopyOnWriteArrayList<>()).add(ack);
                    }
                }
                return r;
            }
        });
    private final Replica[] replicas = new Replica[OBSERVER + 1];

    private Replica start(int id) {
        replicas[id] = Replica.builder().protocol(protocol).self(id).members(VOTERS).observers(OBSERVER)
            .transport(network.join(id))
            .storage(FileStorage.open(data.resolve("node-" + id), StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start();
        return replicas[id];
    }

    @AfterEach
    void closeAll() {
        for (Replica r : replicas) {
            if (r != null) {
                r.close();
            }
        }
    }

    @Test
    void noAcknowledgedWriteIsLostWhenTheLeaderIsClosedAndItRejoinsByDiffOrTrunc() throws Exception {
        for (int id = 1; id <= OBSERVER; id++) {
            start(id);
        }
        Map<String, String> acknowledged = new LinkedHashMap<>();
        write(acknowledged, "before", 60, replicas[1], replicas[2], replicas[3], replicas[OBSERVER]);

        int leader = awaitLeader(VOTERS);
        Map<String, CompletableFuture<byte[]>> atLeader = submit("during-leader", 20, replicas[leader]);
        int[] survivors = Arrays.stream(VOTERS).filter(m -> m != leader).toArray();
        Map<String, CompletableFuture<byte[]>> atSurvivors = submit("during-survivors", 40, replicas[survivors[0]],
            replicas[survivors[1]], replicas[OBSERVER]);
        syncs.remove(leader);
        reports.remove(leader);
        replicas[leader].close();
        replicas[leader] = null;
        for (Map.Entry<String, CompletableFuture<byte[]>> e : atSurvivors.entrySet()) {
            e.getValue().get(60, TimeUnit.SECONDS);
            acknowledged.put(e.getKey(), value(e.getKey()));
        }
        for (Map.Entry<String, CompletableFuture<byte[]>> e : atLeader.entrySet()) {
            try {
                e.getValue().get(60, TimeUnit.SECONDS);
                acknowledged.put(e.getKey(), value(e.getKey()));
            } catch (ExecutionException failed) {
                RequestFailedException cause = assertInstanceOf(RequestFailedException.class, failed.getCause());
                assertEquals(RequestFailedException.Cause.CLOSED, cause.failure(), "only closing may fail a write at the leader");
            }
        }
        write(acknowledged, "survivors", 60, replicas[survivors[0]], replicas[survivors[1]], replicas[OBSERVER]);
        int newLeader = awaitLeader(survivors);
        assertNotEquals(leader, newLeader, "a survivor leads now");

        start(leader);
        write(acknowledged, "after", 30, replicas[1], replicas[2], replicas[3], replicas[OBSERVER]);

        List<NewLeader> rejoin = syncs.get(leader);
        assertTrue(rejoin != null && !rejoin.isEmpty(), "the old leader was synchronised by NEWLEADER");
        NewLeader sync = rejoin.get(0);
        assertNull(sync.snapshot(), "the old leader rejoined from the retained log, not a snapshot");
        String how = sync.truncateAfter() >= 0 ? "TRUNC after " + sync.truncateAfter() + " then DIFF" : "DIFF";
        System.out.println("[zab end-to-end] old leader " + leader + " rejoined leader " + newLeader + " by " + how + " of "
            + sync.entries().size() + " entries");
        // Which of the two is right follows from the history the old leader reported in its ACKEPOCH.
        AckEpoch reported = reports.get(leader).stream().filter(a -> a.epoch() == replicas[newLeader].status().term())
            .findFirst().orElseThrow();
        long first = sync.entries().isEmpty() ? -1 : sync.entries().get(0).index();
        if (sync.truncateAfter() >= 0) {
            assertTrue(sync.truncateAfter() < reported.lastZxid().index(), "TRUNC only of entries the old leader held");
            assertTrue(first < 0 || first == sync.truncateAfter() + 1, "the DIFF starts right after the truncation point");
        } else {
            assertTrue(first < 0 || first == reported.lastZxid().index() + 1,
                "a DIFF alone continues the old leader's log (it reported " + reported.lastZxid() + ", the DIFF starts at " + first + ")");
        }

        for (int id = 1; id <= OBSERVER; id++) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                String read = KeyValueStore.text(replicas[id].read(KeyValueStore.get(e.getKey())).get(60, TimeUnit.SECONDS));
                assertEquals(e.getValue(), read, "a linearizable read at replica " + id + " lost acknowledged write " + e.getKey());
            }
        }
        long chosen = replicas[awaitLeader(VOTERS)].appliedIndex();
        for (int id = 1; id <= OBSERVER; id++) {
            awaitApplied(replicas[id], chosen);
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                String read = KeyValueStore.text(replicas[id].readLocal(KeyValueStore.get(e.getKey())).get(60, TimeUnit.SECONDS));
                assertEquals(e.getValue(), read, "replica " + id + " lost acknowledged write " + e.getKey());
            }
        }
        assertEquals("observing", replicas[OBSERVER].status().role(), "the observer never voted");
    }

    private static void write(Map<String, String> acknowledged, String phase, int count, Replica... at) throws Exception {
        for (Map.Entry<String, CompletableFuture<byte[]>> e : submit(phase, count, at).entrySet()) {
            e.getValue().get(60, TimeUnit.SECONDS);
            acknowledged.put(e.getKey(), value(e.getKey()));
        }
    }

    private static String value(String key) {
        return "v" + key.substring(key.lastIndexOf('-') + 1);
    }

    private static Map<String, CompletableFuture<byte[]>> submit(String phase, int count, Replica... at) {
        Map<String, CompletableFuture<byte[]>> futures = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = phase + "-" + i;
            futures.put(key, at[i % at.length].submit(KeyValueStore.put(key, value(key))));
        }
        return futures;
    }

    /** Polls with a generous bound: the machine is shared and loaded. */
    private static void awaitApplied(Replica replica, long index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (replica.appliedIndex() < index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replica " + replica.self() + " applied only " + replica.appliedIndex() + " of " + index);
            }
            Thread.sleep(5);
        }
    }

    private int awaitLeader(int[] among) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (int id : among) {
                if (replicas[id] != null && replicas[id].status().isLeader() && "leading".equals(replicas[id].status().role())) {
                    return id;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no leader among " + Arrays.toString(among) + " within 60 s");
    }
}
