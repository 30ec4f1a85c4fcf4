package io.synod.benchmarks.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Curator's InterProcessMutex: one thread per session acquires and releases one lock they all share, so
 * each operation is a create, a getChildren, a wait for the predecessor's deletion and a delete. The
 * outstanding count does not apply: a session holds at most one lock request.
 */
final class LockLoad extends RunningLoad {

    private static final String LOCK = AsyncLoad.ROOT + "/lock";

    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    LockLoad(String connect, LoadSpec spec) {
        try {
            for (int i = 0; i < spec.sessions(); i++) {
                CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect)
                    .sessionTimeoutMs(Sessions.SESSION_TIMEOUT_MILLIS).connectionTimeoutMs(60_000)
                    .retryPolicy(new ExponentialBackoffRetry(100, 10)).build();
                clients.add(c);
                c.start();
                if (!c.blockUntilConnected(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("Curator did not connect to " + connect);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    void begin() {
        for (int i = 0; i < clients.size(); i++) {
            InterProcessMutex mutex = new InterProcessMutex(clients.get(i), LOCK);
            Thread t = new Thread(() -> loop(mutex), "lock-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(InterProcessMutex mutex) {
        while (running) {
            long start = System.nanoTime();
            boolean ok;
            try {
                ok = mutex.acquire(30, TimeUnit.SECONDS);
                if (ok) {
                    mutex.release();
                }
            } catch (Exception e) {
                ok = false;
            }
            completed(start, ok);
        }
    }

    @Override
    void end() {
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        clients.forEach(CuratorFramework::close);
        clients.clear();
    }
}
