package io.synod.examples.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A few writer threads, each with keys of its own, writing increasing numbers through whichever
 * node it is connected to and now and then reading its key back with a linearizable GET at a
 * random node. One write in eight goes to a fresh key that is never written again, so that data a
 * node loses cannot be hidden by later overwrites. A writer whose node fails it (a broken
 * connection, an {@code ERR} answer) moves to the next node and retires the key of the failed
 * write for a fresh one (see {@link KeyLedger} for why). Every answer is checked against the key's
 * ledger.
 */
final class Workload implements AutoCloseable {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final ProcessCluster cluster;
    private final Map<String, KeyLedger> ledgers = new ConcurrentSkipListMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final List<Throwable> crashes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    Workload(ProcessCluster cluster, int writers, int keysEach) {
        this.cluster = cluster;
        SplittableRandom seeds = new SplittableRandom(cluster.seed);
        for (int w = 0; w < writers; w++) {
            List<KeyLedger> own = new ArrayList<>();  // this writer's alone
            for (int k = 0; k < keysEach; k++) {
                KeyLedger ledger = new KeyLedger("w" + w + "-k" + k);
                ledgers.put(ledger.key, ledger);
                own.add(ledger);
            }
            SplittableRandom random = seeds.split();
            int first = ProcessCluster.IDS[w % ProcessCluster.IDS.length];
            String writer = "w" + w;
            Thread t = new Thread(() -> write(writer, own, random, first), "writer-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    Workload start() {
        threads.forEach(Thread::start);
        return this;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until {@code more} writes beyond those acknowledged now have been acknowledged. */
    void awaitProgress(int more, Duration bound, String when) {
        long target = acknowledged.get() + more;
        cluster.await(bound, more + " more acknowledged writes " + when + " (at " + acknowledged.get() + ", "
            + failed.get() + " failed)", () -> {
            if (!crashes.isEmpty()) {
                fail("a writer crashed", crashes.get(0));
            }
            return acknowledged.get() >= target;
        });
    }

    /** Stops the writers and waits for their last requests to end. */
    @Override
    public void close() {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(ANSWER.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Map<String, KeyLedger> ledgers() {
        return ledgers;
    }

    List<Throwable> crashes() {
        return crashes;
    }

    String summary() {
        return acknowledged.get() + " writes acknowledged, " + failed.get() + " failed, " + reads.get() + " reads checked";
    }

    private void write(String writer, List<KeyLedger> own, SplittableRandom random, int firstNode) {
        int node = firstNode;
        NodeClient client = null;
        int fresh = 0;
        int retired = 0;
        try {
            while (!stopping) {
                KeyLedger ledger;
                int slot = random.nextInt(own.size());
                if (random.nextInt(8) == 0) {
                    slot = -1;
                    ledger = new KeyLedger(writer + "-once-" + fresh++);
                    ledgers.put(ledger.key, ledger);
                } else {
                    ledger = own.get(slot);
                }
                long value = ledger.next();
                String answer = null;
                try {
                    if (client == null) {
                        client = NodeClient.connect(cluster.clientPort(node), ANSWER);
                    }
                    answer = client.request("PUT " + ledger.key + " " + value);
                } catch (IOException e) {
                    // the node went away mid-request, or is down
                }
                if (answer != null && answer.startsWith("OK ")) {
                    ledger.acknowledged(value, answer.substring(3));
                    acknowledged.incrementAndGet();
                    if (random.nextInt(4) == 0) {
                        readBack(ledger, random);
                    }
                    continue;
                }
                failed.incrementAndGet();
                if (slot >= 0) {
                    KeyLedger successor = new KeyLedger(ledger.key + "-after-" + retired++);
                    ledgers.put(successor.key, successor);
                    own.set(slot, successor);
                }
                close(client);
                client = null;
                node = next(node);
                // Do not spin against a node that is down: its restart takes seconds.
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        } catch (RuntimeException | Error e) {
            crashes.add(e);
        } finally {
            close(client);
        }
    }

    private void readBack(KeyLedger ledger, SplittableRandom random) {
        int at = ProcessCluster.IDS[random.nextInt(ProcessCluster.IDS.length)];
        try (NodeClient reader = NodeClient.connect(cluster.clientPort(at), ANSWER)) {
            String answer = reader.request("GET " + ledger.key);
            if (answer.startsWith("OK ")) {
                ledger.read(answer.substring(3), "node " + at);
                reads.incrementAndGet();
            }
        } catch (IOException e) {
            // that node is down: no answer, nothing to check
        }
    }

    private static int next(int node) {
        int[] ids = ProcessCluster.IDS;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == node) {
                return ids[(i + 1) % ids.length];
            }
        }
        return ids[0];
    }

    private static void close(NodeClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // already broken
            }
        }
    }
}
