package io.synod.examples.coordination.service;

import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Official ZooKeeper clients connected and ready, with a queue of the events their default watcher saw. */
final class Clients {

    private Clients() {
    }

    /** A client whose default watcher records every event. */
    record Connected(ZooKeeper zk, BlockingQueue<WatchedEvent> events) {
        WatchedEvent nextEvent() throws InterruptedException {
            WatchedEvent e = events.poll(60, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event within 60 s");
            }
            return e;
        }
    }

    static Connected connect(String connectString, int sessionTimeoutMillis) throws Exception {
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMillis, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected && event.getType() == Watcher.Event.EventType.None) {
                connected.countDown();
            } else {
                events.add(event);
            }
        });
        if (!connected.await(60, TimeUnit.SECONDS)) {
            zk.close();
            throw new AssertionError("the client did not connect to " + connectString + " within 60 s");
        }
        return new Connected(zk, events);
    }
}
