package io.synod.examples.coordination.ensemble;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Curator clients (connect string of every server) doing what applications do, while servers fail,
 * and remembering what was acknowledged: each client holds one ephemeral node for its session, takes
 * one {@link InterProcessMutex} in turn with the others (the holders counted inside the lock), creates
 * sequential nodes and increments one {@link DistributedAtomicLong}. Failures (ConnectionLoss during a
 * failover) are expected and only counted; what must hold is checked on what succeeded.
 */
final class CuratorWorkload implements AutoCloseable {

    static final String LOCK = "/workload/lock";
    static final String SEQUENCE = "/workload/seq";
    static final String COUNTER = "/workload/counter";
    static final String LIVE = "/workload/live";

    /** One client: its Curator, its session, its threads and what it saw. */
    static final class Client {
        final int index;
        final CuratorFramework curator;
        final long sessionId;
        /** Set when Curator reported the session LOST (expired): its ephemeral may then be gone. */
        final AtomicBoolean lost = new AtomicBoolean();
        final AtomicLong lastSuccessNanos = new AtomicLong();
        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        Client(int index, CuratorFramework curator, long sessionId) {
            this.index = index;
            this.curator = curator;
            this.sessionId = sessionId;
        }

        String livePath() {
            return LIVE + "/client-" + index;
        }

        void succeeded() {
            successes.incrementAndGet();
            lastSuccessNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Holders of the lock right now, as counted inside it; must never exceed 1. */
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger mostHolders = new AtomicInteger();
    private final AtomicInteger lockAcquisitions = new AtomicInteger();
    /** Paths of acknowledged sequential creates. */
    private final Set<String> acknowledgedNodes = ConcurrentHashMap.newKeySet();
    /** Acknowledged increments of the counter, and the greatest value one of them returned. */
    private final AtomicInteger acknowledgedIncrements = new AtomicInteger();
    private final AtomicLong greatestIncrement = new AtomicLong();
    /** Successful writes as [started, acknowledged] (System.nanoTime), the measurement's source. */
    private final Set<long[]> writeTimes = ConcurrentHashMap.newKeySet();

    private CuratorWorkload() {
    }

    static CuratorFramework curator(String connectString) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(30_000).connectionTimeoutMs(15_000)
            .retryPolicy(new ExponentialBackoffRetry(50, 8, 1_000)).build();
        c.start();
        if (!c.blockUntilConnected(60, TimeUnit.SECONDS)) {
            c.close();
            throw new AssertionError("Curator did not connect to " + connectString + " within 60 s");
        }
        return c;
    }

    /** Connects {@code n} clients, creates their ephemerals and starts their threads. */
    static CuratorWorkload start(String connectString, int n) throws Exception {
        CuratorWorkload w = new CuratorWorkload();
        try {
            for (int i = 0; i < n; i++) {
                CuratorFramework c = curator(connectString);
                Client client = new Client(i, c, c.getZookeeperClient().getZooKeeper().getSessionId());
                c.getConnectionStateListenable().addListener((cf, state) -> {
                    if (state == ConnectionState.LOST) {
                        client.lost.set(true);
                    }
                });
                c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(client.livePath(), Long.toHexString(client.sessionId).getBytes(StandardCharsets.UTF_8));
                w.clients.add(client);
            }
            for (Client c : w.clients) {
                w.spawn("lock-" + c.index, () -> w.lockLoop(c));
                w.spawn("writes-" + c.index, () -> w.writeLoop(c));
            }
        } catch (Exception | AssertionError e) {
            w.close();
            throw e;
        }
        return w;
    }

    private void spawn(String name, Runnable loop) {
        Thread t = new Thread(loop, "workload-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void lockLoop(Client c) {
        InterProcessMutex mutex = new InterProcessMutex(c.curator, LOCK);
        while (running.get()) {
            try {
                if (mutex.acquire(5, TimeUnit.SECONDS)) {
                    try {
                        int now = holders.incrementAndGet();
                        try {
                            mostHolders.accumulateAndGet(now, Math::max);
                            lockAcquisitions.incrementAndGet();
                            // Hold it for a round trip, so that a second holder would overlap this one.
                            c.curator.checkExists().forPath(LOCK);
                        } finally {
                            holders.decrementAndGet();
                        }
                    } finally {
                        mutex.release();
                    }
                }
            } catch (Exception e) {
                c.failures.incrementAndGet();
                pause();
            }
        }
    }

    private void writeLoop(Client c) {
        DistributedAtomicLong counter = new DistributedAtomicLong(c.curator, COUNTER, new RetryNTimes(20, 20));
        int k = 0;
        while (running.get()) {
            try {
                long started = System.nanoTime();
                String path = c.curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(SEQUENCE + "/n-", ("client-" + c.index + "-" + k++).getBytes(StandardCharsets.UTF_8));
                acknowledgedNodes.add(path);
                wrote(c, started);
                started = System.nanoTime();
                AtomicValue<Long> v = counter.increment();
                if (v.succeeded()) {
                    acknowledgedIncrements.incrementAndGet();
                    greatestIncrement.accumulateAndGet(v.postValue(), Math::max);
                    wrote(c, started);
                }
            } catch (Exception e) {
                c.failures.incrementAndGet();
                pause();
            }
        }
    }

    private void wrote(Client c, long started) {
        writeTimes.add(new long[] {started, System.nanoTime()});
        c.succeeded();
    }

    private static void pause() {
        try {
            Thread.sleep(20);   // back off a little before trying again; Curator's policy does the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Client> clients() {
        return clients;
    }

    /**
     * When the first write begun at or after {@code nanos} was acknowledged, or -1 if none yet (a write
     * begun before, answered after, may have been committed before: it would not measure a failover).
     */
    long firstWriteBegunAtOrAfter(long nanos) {
        return writeTimes.stream().filter(t -> t[0] >= nanos).mapToLong(t -> t[1]).min().orElse(-1L);
    }

    int mostHolders() {
        return mostHolders.get();
    }

    int lockAcquisitions() {
        return lockAcquisitions.get();
    }

    Set<String> acknowledgedNodes() {
        return Set.copyOf(acknowledgedNodes);
    }

    int acknowledgedIncrements() {
        return acknowledgedIncrements.get();
    }

    long greatestIncrement() {
        return greatestIncrement.get();
    }

    /** Stops the threads (the clients stay connected, for the checks of their sessions). */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop within 60 s");
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Client c : clients) {
            c.curator.close();
        }
    }
}
