package io.synod.examples.runtime;

import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import io.synod.testkit.lin.CheckResult;
import io.synod.testkit.lin.History;
import io.synod.testkit.lin.KvModel;
import io.synod.testkit.lin.LinearizabilityChecker;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production runtime's reads and writes, judged by the testkit's linearizability checker:
 * three Multi-Paxos replicas in one JVM, clients on real threads spread over all of them, each
 * invocation and response stamped with {@link System#nanoTime()} as the client saw it. Appends are
 * not idempotent, so a command the runtime applied twice (a retry taken for new) shows too.
 *
 * <p>Calibration: the same workload, with a replica cut off from the others, once with reads
 * through the protocol (the control, which must pass) and once with reads from that replica's
 * local state (which may lag, and must be caught by the checker).
 */
class LinearizabilityTest {

    private static final String[] KEYS = {"a", "b", "c"};
    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults().withRequestTimeout(java.time.Duration.ofSeconds(30));

    /** A history that clients on several threads record into. */
    static final class Recorder {
        private final History<KvOp, String> history = new History<>();

        int invoke(long client, KvOp op) {
            synchronized (this) {
                return history.invoke(client, op, System.nanoTime());
            }
        }

        String finish(int id, CompletableFuture<byte[]> future) {
            try {
                String out = new String(future.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
                synchronized (this) {
                    history.respond(id, out, System.nanoTime());
                }
                return out;
            } catch (Exception unknown) {
                synchronized (this) {
                    history.indeterminate(id);
                }
                return null;
            }
        }

        synchronized List<Operation<KvOp, String>> operations() {
            return history.operations();
        }
    }

    private static long completed(List<Operation<KvOp, String>> ops, boolean reads) {
        return ops.stream().filter(o -> !o.isIndeterminate() && o.input().isRead() == reads).count();
    }

    private static void runAll(List<Runnable> clients) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Thread t = new Thread(clients.get(i), "client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(5));
            assertTrue(!t.isAlive(), t.getName() + " did not finish");
        }
    }

    @Test
    void concurrentReadersAndWritersOnThreeReplicasAreLinearizable() throws Exception {
        Recorder recorder = new Recorder();
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KvStateMachine(), id -> CONFIG).start()) {
            cluster.awaitLeader();
            List<Runnable> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                long client = c;
                Replica at = cluster.replica(c % 3 + 1);
                boolean writer = c < 4;
                clients.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        String key = KEYS[(int) ((client + i) % KEYS.length)];
                        KvOp op = writer ? KvOp.append(key, client + "." + i + ";") : KvOp.get(key);
                        int id = recorder.invoke(client, op);
                        recorder.finish(id, writer ? at.submit(op.encode()) : at.read(op.encode()));
                    }
                });
            }
            runAll(clients);
        }
        List<Operation<KvOp, String>> ops = recorder.operations();
        assertTrue(completed(ops, false) >= 150 && completed(ops, true) >= 150,
            "most operations completed: " + completed(ops, false) + " writes, " + completed(ops, true) + " reads");
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(new KvModel(), ops);
        assertTrue(result.isLinearizable(), result::report);
    }

    /**
     * Writers write at two replicas and, after each acknowledgement, read the key back at the third,
     * which is cut off from the others until every writer has started its first read there. The
     * read path is what the variant and the control differ in.
     */
    private static List<Operation<KvOp, String>> readBackAtALaggingReplica(
        Function<Replica, Function<byte[], CompletableFuture<byte[]>>> readPath) throws Exception {
        Recorder recorder = new Recorder();
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KvStateMachine(), id -> CONFIG).start()) {
            int leader = cluster.awaitLeader();
            int lagging = leader % 3 + 1;
            int other = 6 - leader - lagging;
            for (String key : KEYS) {
                KvOp op = KvOp.put(key, "start;");
                recorder.finish(recorder.invoke(99, op), cluster.replica(leader).submit(op.encode()));
            }
            long settled = cluster.replica(leader).appliedIndex();
            ThreeReplicas.await("the lagging replica to apply the start", () -> cluster.replica(lagging).appliedIndex() >= settled);
            cluster.network.isolate(lagging);

            int writers = 4;
            AtomicInteger firstReads = new AtomicInteger();
            Function<byte[], CompletableFuture<byte[]>> read = readPath.apply(cluster.replica(lagging));
            List<Runnable> clients = new ArrayList<>();
            for (int c = 0; c < writers; c++) {
                long client = c;
                Replica writeAt = cluster.replica(c % 2 == 0 ? leader : other);
                clients.add(() -> {
                    for (int i = 0; i < 12; i++) {
                        String key = KEYS[(int) ((client + i) % KEYS.length)];
                        KvOp write = KvOp.append(key, client + "." + i + ";");
                        recorder.finish(recorder.invoke(client, write), writeAt.submit(write.encode()));
                        KvOp get = KvOp.get(key);
                        int id = recorder.invoke(client, get);
                        if (i == 0) {
                            firstReads.incrementAndGet();
                        }
                        recorder.finish(id, read.apply(get.encode()));
                    }
                });
            }
            Thread heal = new Thread(() -> {
                try {
                    ThreeReplicas.await("every writer to read at the lagging replica", () -> firstReads.get() == writers);
                    cluster.network.heal();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            heal.start();
            runAll(clients);
            heal.join();
        }
        return recorder.operations();
    }

    @Test
    void calibrationReadsFromALaggingReplicasLocalStateAreCaught() throws Exception {
        List<Operation<KvOp, String>> ops = readBackAtALaggingReplica(replica -> replica::readLocal);
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(new KvModel(), ops);
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, result.verdict(), result::report);
        assertTrue(result.counterexample().stream().anyMatch(o -> o.input().isRead()),
            "the checker blames a read: " + result.report());
    }

    @Test
    void controlTheSameWorkloadWithReadsThroughTheProtocolIsLinearizable() throws Exception {
        List<Operation<KvOp, String>> ops = readBackAtALaggingReplica(replica -> replica::read);
        assertTrue(completed(ops, true) >= 24, "reads completed at the lagging replica: " + completed(ops, true));
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(new KvModel(), ops);
        assertTrue(result.isLinearizable(), result::report);
    }
}
