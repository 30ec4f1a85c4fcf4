package io.synod.examples.coordination.service;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache Curator 5.9's recipes against a three-server cluster in this JVM, over TCP on 127.0.0.1, on every protocol. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CuratorRecipesTest {

    private static final ClustersByProtocol CLUSTERS = new ClustersByProtocol(3);

    @AfterAll
    static void stop() {
        CLUSTERS.close();
    }

    private static CuratorFramework client(String connectString) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(30_000).connectionTimeoutMs(60_000)
            .retryPolicy(new ExponentialBackoffRetry(100, 10)).build();
        c.start();
        if (!c.blockUntilConnected(60, TimeUnit.SECONDS)) {
            c.close();
            throw new AssertionError("Curator did not connect to " + connectString);
        }
        return c;
    }

    /** Each server gets clients of its own, so that the lock's holders are spread over the cluster. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void interProcessMutexExcludesUnderContention(Replication replication) throws Exception {
        LocalCluster cluster = CLUSTERS.of(replication);
        contendForTheLock(cluster.connectString(1), cluster.connectString(2), cluster.connectString(3));
    }

    /** Six Curator clients, spread over the servers given, take a mutex five times each; never two at once. */
    static void contendForTheLock(String... servers) throws Exception {
        int clients = 6;
        int rounds = 5;
        List<CuratorFramework> frameworks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int i = 0; i < clients; i++) {
                frameworks.add(client(servers[i % servers.length]));
            }
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            AtomicInteger acquired = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (CuratorFramework f : frameworks) {
                done.add(pool.submit(() -> {
                    InterProcessMutex mutex = new InterProcessMutex(f, "/locks/counted");
                    for (int r = 0; r < rounds; r++) {
                        if (!mutex.acquire(60, TimeUnit.SECONDS)) {
                            throw new AssertionError("the lock was not acquired within 60 s");
                        }
                        try {
                            int now = inside.incrementAndGet();
                            maxInside.accumulateAndGet(now, Math::max);
                            acquired.incrementAndGet();
                            Thread.yield();
                            inside.decrementAndGet();
                        } finally {
                            mutex.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
            assertEquals(clients * rounds, acquired.get());
            assertEquals(1, maxInside.get(), "two holders of the lock at once");
            // Reads are local (ZooKeeper's model): the first client's server may apply the last
            // releases, made through other servers, a moment later. Curator makes the lock's parent
            // a container, which the leader removes once its last child is gone.
            CuratorFramework first = frameworks.get(0);
            LocalCluster.await("every lock node released", () -> {
                try {
                    return first.getChildren().forPath("/locks/counted").isEmpty();
                } catch (KeeperException.NoNodeException removedContainer) {
                    return true;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            pool.shutdownNow();
            frameworks.forEach(CuratorFramework::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void leaderLatchElectsOneAndHandsOver(Replication replication) throws Exception {
        LocalCluster cluster = CLUSTERS.of(replication);
        CuratorFramework a = client(cluster.connectString(1));
        CuratorFramework b = client(cluster.connectString(2));
        LeaderLatch first = new LeaderLatch(a, "/latch", "a");
        try (LeaderLatch second = new LeaderLatch(b, "/latch", "b")) {
            first.start();
            assertTrue(first.await(60, TimeUnit.SECONDS));
            second.start();
            LocalCluster.await("b to see a as leader", () -> {
                try {
                    return second.getLeader().getId().equals("a");
                } catch (Exception e) {
                    return false;
                }
            });
            assertFalse(second.hasLeadership());
            first.close();
            assertTrue(second.await(60, TimeUnit.SECONDS), "leadership passed to b");
        } finally {
            a.close();
            b.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void atomicLongAndSharedCount(Replication replication) throws Exception {
        LocalCluster cluster = CLUSTERS.of(replication);
        CuratorFramework a = client(cluster.connectString(1));
        CuratorFramework b = client(cluster.connectString(3));
        try {
            DistributedAtomicLong la = new DistributedAtomicLong(a, "/atomic", new RetryOneTime(10));
            DistributedAtomicLong lb = new DistributedAtomicLong(b, "/atomic", new RetryOneTime(10));
            int increments = 0;
            for (int i = 0; i < 10; i++) {
                AtomicValue<Long> v = (i % 2 == 0 ? la : lb).increment();
                if (v.succeeded()) {
                    increments++;
                }
            }
            // a's server may lag b's (ZooKeeper's reads are local): it catches up.
            long expected = increments;
            assertEquals(10, increments);
            LocalCluster.await("a to read " + expected, () -> {
                try {
                    return la.get().postValue() == expected;
                } catch (Exception e) {
                    return false;
                }
            });
            try (SharedCount ca = new SharedCount(a, "/count", 0); SharedCount cb = new SharedCount(b, "/count", 0)) {
                ca.start();
                cb.start();
                org.apache.curator.framework.recipes.shared.VersionedValue<Integer> before = ca.getVersionedValue();
                assertTrue(ca.trySetCount(before, 5));
                LocalCluster.await("the count to reach b", () -> cb.getCount() == 5);
                assertFalse(ca.trySetCount(before, 9),
                    "a stale version is refused");
            }
        } finally {
            a.close();
            b.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void barrierQueueCachePersistentNodeAndDiscovery(Replication replication) throws Exception {
        LocalCluster cluster = CLUSTERS.of(replication);
        CuratorFramework a = client(cluster.connectString(2));
        CuratorFramework b = client(cluster.connectString(3));
        try {
            DistributedBarrier barrier = new DistributedBarrier(a, "/barrier");
            barrier.setBarrier();
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            Future<Boolean> passed = waiter.submit(() -> new DistributedBarrier(b, "/barrier").waitOnBarrier(60, TimeUnit.SECONDS));
            barrier.removeBarrier();
            assertTrue(passed.get(90, TimeUnit.SECONDS));
            waiter.shutdownNow();

            BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
            QueueSerializer<String> serializer = new QueueSerializer<>() {
                public byte[] serialize(String item) {
                    return item.getBytes(StandardCharsets.UTF_8);
                }

                public String deserialize(byte[] bytes) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            };
            try (DistributedQueue<String> producer = QueueBuilder.<String>builder(a, null, serializer, "/queue").buildQueue();
                 DistributedQueue<String> consumer = QueueBuilder.<String>builder(b, new org.apache.curator.framework.recipes.queue.QueueConsumer<String>() {
                     public void consumeMessage(String message) {
                         consumed.add(message);
                     }

                     public void stateChanged(CuratorFramework client, org.apache.curator.framework.state.ConnectionState newState) {
                     }
                 }, serializer, "/queue").buildQueue()) {
                producer.start();
                consumer.start();
                for (int i = 0; i < 5; i++) {
                    producer.put("item-" + i);
                }
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String item = consumed.poll(60, TimeUnit.SECONDS);
                    assertTrue(item != null, "queue item " + i + " consumed");
                    got.add(item);
                }
                assertEquals(List.of("item-0", "item-1", "item-2", "item-3", "item-4"), got);
            }

            List<String> seen = new CopyOnWriteArrayList<>();
            try (CuratorCache cache = CuratorCache.build(b, "/cached")) {
                cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreates(node -> seen.add("created " + node.getPath()))
                    .forChanges((before, after) -> seen.add("changed " + after.getPath() + " " + new String(after.getData(), StandardCharsets.UTF_8)))
                    .build());
                cache.start();
                a.create().creatingParentsIfNeeded().forPath("/cached/x", "1".getBytes(StandardCharsets.UTF_8));
                // The cache reads through another server: had both writes applied there before it read
                // the node, it would see only the final data (ZooKeeper's watches promise no more), so
                // the change is made once the creation was seen.
                LocalCluster.await("the cache to see /cached/x created", () -> seen.contains("created /cached/x"));
                a.setData().forPath("/cached/x", "2".getBytes(StandardCharsets.UTF_8));
                LocalCluster.await("the cache to see /cached/x changed", () -> seen.contains("changed /cached/x 2"));
            }

            try (PersistentNode node = new PersistentNode(a, CreateMode.EPHEMERAL, false, "/members/a", new byte[0])) {
                node.start();
                assertTrue(node.waitForInitialCreate(60, TimeUnit.SECONDS));
                // b's server may lag a's (ZooKeeper's reads are local): it catches up.
                LocalCluster.await("b to see /members/a", () -> {
                    try {
                        return b.checkExists().forPath("/members/a") != null;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }

            ServiceInstance<Void> instance = ServiceInstance.<Void>builder().name("api").address("10.0.0.1").port(8080).build();
            try (ServiceDiscovery<Void> register = ServiceDiscoveryBuilder.builder(Void.class).client(a).basePath("/services")
                     .thisInstance(instance).build();
                 ServiceDiscovery<Void> lookup = ServiceDiscoveryBuilder.builder(Void.class).client(b).basePath("/services").build()) {
                register.start();
                lookup.start();
                ConcurrentHashMap<String, Integer> ports = new ConcurrentHashMap<>();
                LocalCluster.await("b's lookup to find the instance", () -> {
                    try {
                        for (ServiceInstance<Void> found : lookup.queryForInstances("api")) {
                            ports.put(found.getAddress(), found.getPort());
                        }
                        return !ports.isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                });
                assertEquals(8080, ports.get("10.0.0.1"));
            }
        } finally {
            a.close();
            b.close();
        }
    }
}
