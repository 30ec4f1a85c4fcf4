package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time to restart a server holding many znodes: the tree is filled with asynchronous creates in a bounded
 * window ({@code /m/p-i/c-j}, a thousand children per parent, 16-byte values; a create lost with the
 * connection is sent again and counted), a follower is killed (SIGKILL)
 * and started again on its data, and the time runs from the process start to the first read served by that
 * server alone of the last znode created. The fill ({@link #fill}) is done once; the restart
 * ({@link #restartOnce}) as often as asked, so that a run can alternate the systems' restarts and set each
 * beside the others' measured minutes apart.
 */
final class RestartWithZnodes {

    private static final int WINDOW = 2_000;
    private static final int PER_PARENT = 1_000;
    private static final Duration BOUND = Duration.ofMinutes(10);
    /** Creates re-sent after a connection loss, in all, before the fill counts as failed. */
    private static final int MAX_RETRIES = 100_000;

    /**
     * The figures of one system: znodes, seconds to create them, server restarted, and milliseconds from each
     * restart's process start to its first read.
     */
    record Result(int znodes, double createSeconds, int createRetries, int server, boolean followerKnown,
                  double[] restartSamples) {

        /** The median restart. */
        double restartMillis() {
            return Stats.median(restartSamples);
        }

        Result plus(double millis) {
            return new Result(znodes, createSeconds, createRetries, server, followerKnown,
                Stats.concat(restartSamples, new double[] {millis}));
        }
    }

    /** A filled ensemble: what {@link #restartOnce} reads back. */
    record Filled(Result result, String last) {
    }

    private RestartWithZnodes() {
    }

    /** Fills the tree with {@code znodes} znodes and picks the follower to restart (no restart yet). */
    static Filled fill(Ensemble e, int znodes) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        ZooKeeper zk = null;
        try {
            zk = Sessions.open(e.connectString(), deadline);
            long t0 = System.nanoTime();
            AtomicInteger retries = new AtomicInteger();
            String last = fill(zk, znodes, retries);
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            Sessions.close(zk);
            zk = null;
            int leader = e.leader().orElse(-1);
            int victim = e.size() == 1 ? 1 : (leader == e.size() ? 1 : e.size());
            return new Filled(new Result(znodes, createSeconds, retries.get(), victim, e.size() == 1 || leader > 0,
                new double[0]), last);
        } catch (IOException | KeeperException ex) {
            throw new IllegalStateException("the restart with " + znodes + " znodes of " + e.kind().label() + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } finally {
            Sessions.close(zk);
        }
    }

    /** Kills the chosen server (SIGKILL), starts it again on its data; returns the milliseconds to its first read. */
    static double restartOnce(Ensemble e, Filled f) {
        int victim = f.result().server();
        e.awaitRead(victim, f.last(), BOUND);
        e.kill(victim);
        ServerProcess p = e.restart(victim);
        long served = e.awaitRead(victim, f.last(), BOUND);
        return (served - p.startNanos()) / 1e6;
    }

    /** Creates {@code znodes} znodes; returns the path of the last one. */
    private static String fill(ZooKeeper zk, int znodes, AtomicInteger retries) throws KeeperException, InterruptedException {
        create(zk, "/m");
        int parents = (znodes + PER_PARENT - 1) / PER_PARENT;
        for (int p = 0; p < parents; p++) {
            create(zk, "/m/p-" + p);
        }
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        byte[] value = new byte[16];
        AsyncCallback.StringCallback done = new AsyncCallback.StringCallback() {
            @Override
            public void processResult(int rc, String path, Object ctx, String name) {
                if (rc == KeeperException.Code.CONNECTIONLOSS.intValue() && retries.incrementAndGet() <= MAX_RETRIES) {
                    // a leader change or a moved session: the create may or may not have been applied; ask again
                    // (NODEEXISTS then counts as done)
                    zk.create(path, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, this, null);
                    return;
                }
                if (rc != KeeperException.Code.OK.intValue() && rc != KeeperException.Code.NODEEXISTS.intValue()) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, path + ": " + KeeperException.Code.get(rc));
                }
                window.release();
            }
        };
        for (int i = 0; i < znodes; i++) {
            window.acquire();
            zk.create(path(i), value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, done, null);
        }
        if (!window.tryAcquire(WINDOW, BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("creates still unanswered after " + BOUND);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " creates failed, the first " + firstFailure.get());
        }
        return path(znodes - 1);
    }

    private static String path(int i) {
        return "/m/p-" + (i / PER_PARENT) + "/c-" + (i % PER_PARENT);
    }

    private static void create(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException ignored) {
            // a rerun on the same data
        }
    }
}
