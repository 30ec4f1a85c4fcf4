package io.synod.examples.coordination.service;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Curator's recipes that let several hold at once: a semaphore of permits, a read-write lock, a
 * double barrier. Each client is on a server of its own (round robin), so that the holders' view of
 * the recipe's nodes comes through different replicas. On every protocol.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CuratorSharingRecipesTest {

    private static final ClustersByProtocol CLUSTERS = new ClustersByProtocol(3);

    @AfterAll
    static void stop() {
        CLUSTERS.close();
    }

    private static List<CuratorFramework> clients(LocalCluster cluster, int count) throws InterruptedException {
        List<CuratorFramework> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CuratorFramework c = CuratorFrameworkFactory.builder().connectString(cluster.connectString(1 + i % 3))
                .sessionTimeoutMs(30_000).connectionTimeoutMs(60_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 10)).build();
            c.start();
            out.add(c);
            if (!c.blockUntilConnected(60, TimeUnit.SECONDS)) {
                out.forEach(CuratorFramework::close);
                throw new AssertionError("Curator did not connect to " + cluster.connectString(1 + i % 3));
            }
        }
        return out;
    }

    /** Runs one task per client on threads of its own and waits for all; a task's failure fails the test. */
    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> t : tasks) {
                done.add(pool.submit(t));
            }
            for (Future<Void> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Six clients take one of three leases four times each: never more than three held at once. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void semaphoreLeasesNeverExceedThePermits(Replication replication) throws Exception {
        int permits = 3;
        int rounds = 4;
        List<CuratorFramework> clients = clients(CLUSTERS.of(replication), 6);
        try {
            AtomicInteger held = new AtomicInteger();
            AtomicInteger maxHeld = new AtomicInteger();
            AtomicInteger granted = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (CuratorFramework c : clients) {
                tasks.add(() -> {
                    InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(c, "/semaphore", permits);
                    for (int r = 0; r < rounds; r++) {
                        Lease lease = semaphore.acquire(60, TimeUnit.SECONDS);
                        if (lease == null) {
                            throw new AssertionError("no lease within 60 s");
                        }
                        try {
                            maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                            granted.incrementAndGet();
                            Thread.yield();
                            held.decrementAndGet();
                        } finally {
                            semaphore.returnLease(lease);
                        }
                    }
                    return null;
                });
            }
            runAll(tasks);
            assertEquals(clients.size() * rounds, granted.get());
            assertTrue(maxHeld.get() <= permits, maxHeld.get() + " leases held at once, with " + permits + " permits");
        } finally {
            clients.forEach(CuratorFramework::close);
        }
    }

    /**
     * Two readers hold the read lock together while a writer cannot take the write lock; then readers and
     * writers contend, and a writer is never inside with anyone else.
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void readWriteLockExcludesWritersAndSharesReaders(Replication replication) throws Exception {
        List<CuratorFramework> clients = clients(CLUSTERS.of(replication), 6);
        try {
            InterProcessMutex firstReader = new InterProcessReadWriteLock(clients.get(0), "/rw").readLock();
            InterProcessMutex secondReader = new InterProcessReadWriteLock(clients.get(1), "/rw").readLock();
            InterProcessMutex writer = new InterProcessReadWriteLock(clients.get(2), "/rw").writeLock();
            assertTrue(firstReader.acquire(60, TimeUnit.SECONDS));
            assertTrue(secondReader.acquire(60, TimeUnit.SECONDS), "a second reader shares the lock");
            assertFalse(writer.acquire(1, TimeUnit.SECONDS), "a writer took the lock while readers held it");
            firstReader.release();
            secondReader.release();
            assertTrue(writer.acquire(60, TimeUnit.SECONDS), "the writer takes the lock once the readers left");
            assertFalse(firstReader.acquire(1, TimeUnit.SECONDS), "a reader took the lock while a writer held it");
            writer.release();

            AtomicInteger readers = new AtomicInteger();
            AtomicInteger writers = new AtomicInteger();
            AtomicInteger violations = new AtomicInteger();
            AtomicInteger entries = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                boolean writes = i % 3 == 0;
                InterProcessReadWriteLock lock = new InterProcessReadWriteLock(clients.get(i), "/rw");
                tasks.add(() -> {
                    InterProcessMutex mine = writes ? lock.writeLock() : lock.readLock();
                    for (int r = 0; r < 4; r++) {
                        if (!mine.acquire(60, TimeUnit.SECONDS)) {
                            throw new AssertionError("the " + (writes ? "write" : "read") + " lock not taken within 60 s");
                        }
                        try {
                            entries.incrementAndGet();
                            if (writes) {
                                if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                                    violations.incrementAndGet();
                                }
                                Thread.yield();
                                writers.decrementAndGet();
                            } else {
                                readers.incrementAndGet();
                                if (writers.get() != 0) {
                                    violations.incrementAndGet();
                                }
                                Thread.yield();
                                readers.decrementAndGet();
                            }
                        } finally {
                            mine.release();
                        }
                    }
                    return null;
                });
            }
            runAll(tasks);
            assertEquals(clients.size() * 4, entries.get());
            assertEquals(0, violations.get(), "a writer was inside together with another holder");
        } finally {
            clients.forEach(CuratorFramework::close);
        }
    }

    /** Three members: enter returns to none before all three called it; leave returns to none before all left. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void doubleBarrierLetsNobodyThroughEarly(Replication replication) throws Exception {
        int members = 3;
        List<CuratorFramework> clients = clients(CLUSTERS.of(replication), members);
        try {
            AtomicInteger entering = new AtomicInteger();
            AtomicInteger leaving = new AtomicInteger();
            AtomicInteger early = new AtomicInteger();
            AtomicInteger left = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (CuratorFramework c : clients) {
                tasks.add(() -> {
                    DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(c, "/double", members);
                    entering.incrementAndGet();
                    if (!barrier.enter(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("the barrier was not entered within 60 s");
                    }
                    if (entering.get() != members) {
                        early.incrementAndGet();
                    }
                    leaving.incrementAndGet();
                    if (!barrier.leave(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("the barrier was not left within 60 s");
                    }
                    if (leaving.get() != members) {
                        early.incrementAndGet();
                    }
                    left.incrementAndGet();
                    return null;
                });
            }
            runAll(tasks);
            assertEquals(0, early.get(), "a member passed the barrier before all had reached it");
            assertEquals(members, left.get(), "every member left");
        } finally {
            clients.forEach(CuratorFramework::close);
        }
    }
}
