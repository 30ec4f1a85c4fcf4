package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The official client's asynchronous API as a closed loop: each of K sessions keeps W requests in flight,
 * the callback of one completion issuing the next. Session i works on {@code /bench/s-i} (getData, setData)
 * or under {@code /bench/seq} (create-sequential); nothing is read or written by two sessions.
 */
final class AsyncLoad extends RunningLoad {

    static final String ROOT = "/bench";
    private static final String SEQ = ROOT + "/seq";
    private static final Duration SETUP_BOUND = Duration.ofMinutes(2);

    private final Workload workload;
    private final LoadSpec spec;
    private final List<ZooKeeper> sessions = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(0);
    private final byte[] value;

    AsyncLoad(String connect, Workload workload, LoadSpec spec) throws IOException, InterruptedException, KeeperException {
        this.workload = workload;
        this.spec = spec;
        this.value = new byte[spec.valueBytes()];
        long deadline = System.nanoTime() + SETUP_BOUND.toNanos();
        try {
            for (int i = 0; i < spec.sessions(); i++) {
                sessions.add(Sessions.open(connect, deadline));
            }
            ZooKeeper zk = sessions.get(0);
            ensure(zk, ROOT);
            ensure(zk, SEQ);
            for (int i = 0; i < spec.sessions(); i++) {
                ensure(zk, SEQ + "/s-" + i);
                String path = ROOT + "/s-" + i;
                if (zk.exists(path, false) == null) {
                    zk.create(path, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } else {
                    zk.setData(path, value, -1);
                }
            }
        } catch (IOException | InterruptedException | KeeperException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void ensure(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException ignored) {
            // left by an earlier workload of the same run
        }
    }

    @Override
    void begin() {
        for (int i = 0; i < sessions.size(); i++) {
            Issuer issuer = new Issuer(sessions.get(i), i);
            for (int w = 0; w < spec.outstanding(); w++) {
                issuer.issue();
            }
        }
    }

    @Override
    void end() {
        int all = sessions.size() * spec.outstanding();
        try {
            if (!inFlight.tryAcquire(all, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still in flight a minute after the load stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (workload == Workload.CREATE_SEQUENTIAL) {
            for (int i = 0; i < sessions.size(); i++) {
                deleteChildren(sessions.get(i), SEQ + "/s-" + i);
            }
        }
    }

    /** Deletes every child of {@code parent} with async batches, waiting for the last reply. */
    static void deleteChildren(ZooKeeper zk, String parent) {
        try {
            List<String> children = zk.getChildren(parent, false);
            CountDownLatch done = new CountDownLatch(children.size());
            Semaphore window = new Semaphore(1_000);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            for (String c : children) {
                if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("cleanup of " + parent + ": deletes unanswered for 5 minutes");
                }
                zk.delete(parent + "/" + c, -1, (rc, path, ctx) -> {
                    window.release();
                    done.countDown();
                }, null);
            }
            if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("cleanup of " + parent + " did not finish");
            }
        } catch (KeeperException e) {
            throw new IllegalStateException("cleanup of " + parent + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        sessions.forEach(Sessions::close);
        sessions.clear();
    }

    /** One session's loop; the callbacks run on that session's event thread. */
    private final class Issuer implements AsyncCallback.StatCallback, AsyncCallback.DataCallback,
        AsyncCallback.StringCallback {

        private final ZooKeeper zk;
        private final String path;
        private final String sequential;
        private final SplittableRandom random;

        Issuer(ZooKeeper zk, int index) {
            this.zk = zk;
            this.path = ROOT + "/s-" + index;
            this.sequential = SEQ + "/s-" + index + "/n-";
            this.random = new SplittableRandom(index);
        }

        void issue() {
            if (!running) {
                inFlight.release();
                return;
            }
            Long start = System.nanoTime();
            switch (workload) {
                case SET_DATA, SET_DATA_SINGLE -> zk.setData(path, value, -1, this, start);
                case GET_DATA -> zk.getData(path, false, this, start);
                case CREATE_SEQUENTIAL -> zk.create(sequential, value, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL, this, start);
                case READ_90_WRITE_10 -> {
                    if (random.nextInt(10) == 0) {
                        zk.setData(path, value, -1, this, start);
                    } else {
                        zk.getData(path, false, this, start);
                    }
                }
                default -> throw new IllegalStateException(workload + " is not an asynchronous workload");
            }
        }

        private void done(int rc, Object ctx) {
            completed((Long) ctx, rc == KeeperException.Code.OK.intValue());
            issue();
        }

        @Override
        public void processResult(int rc, String p, Object ctx, Stat stat) {
            done(rc, ctx);
        }

        @Override
        public void processResult(int rc, String p, Object ctx, byte[] data, Stat stat) {
            done(rc, ctx);
        }

        @Override
        public void processResult(int rc, String p, Object ctx, String name) {
            done(rc, ctx);
        }
    }
}
