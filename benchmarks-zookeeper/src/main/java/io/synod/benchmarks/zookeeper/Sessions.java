package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Opening and closing sessions of the official client, waiting for the connection within a deadline. */
final class Sessions {

    /** Long enough that a failover or a restart never expires the driver's sessions. */
    static final int SESSION_TIMEOUT_MILLIS = 30_000;

    private Sessions() {
    }

    /** A connected session; throws IllegalStateException if it is not connected by {@code deadlineNanos}. */
    static ZooKeeper open(String connect, long deadlineNanos) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, SESSION_TIMEOUT_MILLIS, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        long wait = Math.max(1, deadlineNanos - System.nanoTime());
        if (!connected.await(wait, TimeUnit.NANOSECONDS)) {
            close(zk);
            throw new IllegalStateException("no session with " + connect + " in time");
        }
        return zk;
    }

    static void close(ZooKeeper zk) {
        if (zk == null) {
            return;
        }
        try {
            zk.close(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
