package io.synod.examples.snapshot;

import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 50 MiB replicated state on the real runtime: three Multi-Paxos replicas in one JVM, file
 * storage with fsync. The snapshot of it is written on a background thread while the replica
 * thread goes on applying (shown by holding the writer and watching commands apply meanwhile;
 * the longest duty cycle during an unheld write is printed as a figure), and a replica that was
 * down while the others compacted their logs catches up through a snapshot streamed in 256 KiB
 * chunks, ending with the same state.
 */
class LargeSnapshotTest {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final int CHUNKS = 50;
    private static final int SNAPSHOT_EVERY = 40;

    @TempDir
    Path data;

    private final InJvmNetwork network = new InJvmNetwork();
    private final Replica[] replicas = new Replica[4];
    private final BlobMachine[] machines = new BlobMachine[4];
    private final DutyCycleGaps[] cycles = new DutyCycleGaps[4];
    private final FileStorage[] storages = new FileStorage[4];

    private Replica start(int id) {
        machines[id] = new BlobMachine();
        cycles[id] = new DutyCycleGaps();
        DutyCycleGaps gaps = cycles[id];
        ReplicaConfig config = ReplicaConfig.defaults().withTickInterval(Duration.ofMillis(10))
            .withRequestTimeout(Duration.ofSeconds(60)).withSnapshotEvery(SNAPSHOT_EVERY).withLogRetention(5)
            .withIdleStrategy(() -> gaps);
        storages[id] = FileStorage.open(data.resolve("node-" + id), StorageOptions.builder().segmentSize(8 << 20).snapshotRetention(2).build());
        replicas[id] = Replica.builder().protocol(MultiPaxos.builder().build()).self(id).members(MEMBERS)
            .transport(network.join(id))
            .storage(storages[id])
            .stateMachine(machines[id]).config(config).start();
        return replicas[id];
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 180 s");
            }
            Thread.sleep(5);
        }
    }

    private int leader() throws InterruptedException {
        int[] found = {-1};
        await("leader", () -> {
            for (int id : MEMBERS) {
                if (replicas[id] != null && replicas[id].health().isRunning() && replicas[id].status().isLeader()) {
                    found[0] = id;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void submit(int at, String command, int times) throws Exception {
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            futures.add(replicas[at].submit(command.getBytes(StandardCharsets.UTF_8)));
        }
        for (CompletableFuture<byte[]> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long newestSnapshot(int id) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("node-" + id).resolve("snapshots"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".snap"))
                .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElse(0);
        }
    }

    /** The other replicas' first log index and newest snapshot, for a failure's message. */
    private String others(int lagging) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int id : MEMBERS) {
            if (id != lagging) {
                text.append("node ").append(id).append(" held its log from ").append(storages[id].log().firstIndex())
                    .append(" and a snapshot at ").append(newestSnapshot(id)).append("; ");
            }
        }
        return text.toString();
    }

    @Test
    void aFiftyMegabyteStateIsSnapshottedInTheBackgroundAndALaggingReplicaCatchesUpFromIt() throws Exception {
        try {
            for (int id : MEMBERS) {
                start(id);
            }
            int leader = leader();
            submit(leader, "fill", CHUNKS);
            assertEquals(Integer.toString(CHUNKS), text(replicas[leader].readLocal("chunks".getBytes()).get(60, TimeUnit.SECONDS)));

            // 1. Hold the leader's next snapshot writer: the replica thread must go on applying.
            CountDownLatch[] hold = machines[leader].holdNextWrite();
            while (!hold[0].await(0, TimeUnit.MILLISECONDS)) {
                submit(leader, "tick", 1);
            }
            long appliedWhenHeld = replicas[leader].appliedIndex();
            long ticksWhenHeld = Long.parseLong(text(replicas[leader].readLocal("ticks".getBytes()).get(60, TimeUnit.SECONDS)));
            for (int i = 0; i < 25; i++) {
                submit(leader, "tick", 1); // one at a time: each its own log entry
            }
            long ticksApplied = Long.parseLong(text(replicas[leader].readLocal("ticks".getBytes()).get(60, TimeUnit.SECONDS))) - ticksWhenHeld;
            assertEquals(25, ticksApplied, "the leader applied every command while its snapshot writer was held");
            assertTrue(replicas[leader].appliedIndex() >= appliedWhenHeld + 25,
                "in " + (replicas[leader].appliedIndex() - appliedWhenHeld) + " entries");
            assertEquals(1, hold[0].getCount() + 1, "the writer is still held");
            long before = newestSnapshot(leader);
            hold[1].countDown();
            await("the held snapshot on disk", () -> {
                try {
                    return newestSnapshot(leader) > before;
                } catch (IOException e) {
                    return false;
                }
            });

            // 2. The figure: one unheld 50 MiB write, and the replica thread's longest duty cycle meanwhile.
            long[] timing = machines[leader].timeNextWrite();
            long previous = newestSnapshot(leader);
            while (timing[1] == 0) {
                submit(leader, "tick", 1);
            }
            // Until the snapshot is on disk: streamed, forced and renamed (the poll adds a few ms at most).
            await("the timed snapshot on disk", () -> {
                try {
                    return newestSnapshot(leader) > previous;
                } catch (IOException e) {
                    return false;
                }
            });
            long durable = System.nanoTime();
            double writeMillis = (timing[1] - timing[0]) / 1e6;
            double untilDurableMillis = (durable - timing[0]) / 1e6;
            double longestCycleMillis = cycles[leader].longestWithin(timing[0], durable) / 1e6;
            System.out.printf("LargeSnapshotTest: a %d MiB snapshot streamed in %.0f ms on the writer thread and was durable after"
                    + " %.0f ms; the leader's longest duty cycle meanwhile took %.1f ms%n", timing[2] * BlobMachine.CHUNK >> 20,
                writeMillis, untilDurableMillis, longestCycleMillis);

            // 3. A replica that was down while the others compacted catches up from a streamed snapshot.
            int lagging = leader == 3 ? 2 : 3;
            long stoppedAt = replicas[lagging].appliedIndex();
            replicas[lagging].close();
            replicas[lagging] = null;
            int at = leader();
            for (int i = 0; i < 3 * SNAPSHOT_EVERY; i++) {
                submit(at, "tick", 1); // one at a time: each its own log entry
            }
            // Both others, not only the one that led: leadership may move meanwhile, and a replica whose log still
            // held the entries since stoppedAt could send those instead of a snapshot. Their logs, not their snapshot
            // files: a snapshot is on disk a duty cycle before the replica compacts its log below it, and a replica
            // started in that window is fed from the log.
            await("the others' logs compacted past the lagging replica's", () -> {
                for (int id = 1; id < replicas.length; id++) {
                    if (id != lagging && storages[id].log().firstIndex() <= stoppedAt + 10) {
                        return false;
                    }
                }
                return true;
            });
            String othersAtRestart = others(lagging);
            start(lagging);
            long target = replicas[at].appliedIndex();
            await("the lagging replica applies through " + target, () -> replicas[lagging].appliedIndex() >= target);
            String digest = text(replicas[at].readLocal("digest".getBytes()).get(60, TimeUnit.SECONDS));
            await("equal states", () -> {
                try {
                    return digest.equals(text(replicas[lagging].readLocal("digest".getBytes()).get(60, TimeUnit.SECONDS)))
                        || replicas[lagging].appliedIndex() > target && replicas[at].appliedIndex() > target;
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(text(replicas[at].readLocal("digest".getBytes()).get(60, TimeUnit.SECONDS)),
                text(replicas[lagging].readLocal("digest".getBytes()).get(60, TimeUnit.SECONDS)), "the same 50 MiB state");
            assertTrue(newestSnapshot(lagging) > stoppedAt, "it got there through a snapshot from a peer, not its own log: node "
                + lagging + " stopped at " + stoppedAt + ", its newest snapshot is at " + newestSnapshot(lagging)
                + "; when it restarted, " + othersAtRestart);
            assertEquals(Integer.toString(CHUNKS), text(replicas[lagging].readLocal("chunks".getBytes()).get(60, TimeUnit.SECONDS)));
        } finally {
            for (Replica r : replicas) {
                if (r != null) {
                    r.close();
                }
            }
        }
    }
}
