package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until a server serves a read: a fresh session connected to that server alone asks {@code exists(path)}
 * until it answers that the node exists. Used for readiness and for the restart time (process start to
 * first read served).
 */
final class FirstRead {

    private static final long PAUSE_MILLIS = 20;

    private FirstRead() {
    }

    /** {@link System#nanoTime()} when {@code path} was first seen through {@code connect}; throws past the bound. */
    static long await(String connect, String path, Duration bound) {
        return await(connect, path, bound, () -> true);
    }

    /** As {@link #await(String, String, Duration)}, giving up at once when {@code alive} turns false. */
    static long await(String connect, String path, Duration bound, BooleanSupplier alive) {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        awaitListening(connect, deadline, alive);
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            ZooKeeper zk = null;
            try {
                zk = Sessions.open(connect, deadline);
                while (System.nanoTime() < deadline && alive.getAsBoolean()) {
                    try {
                        if (zk.exists(path, false) != null) {
                            return System.nanoTime();
                        }
                        last = new IllegalStateException(path + " does not exist (yet)");
                    } catch (KeeperException.ConnectionLossException e) {
                        last = e;
                    }
                    pause();
                }
            } catch (IOException | KeeperException | IllegalStateException e) {
                last = e;
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + connect, e);
            } finally {
                Sessions.close(zk);
            }
        }
        if (!alive.getAsBoolean()) {
            throw new IllegalStateException("the server at " + connect + " exited before serving a read", last);
        }
        throw new IllegalStateException("no read of " + path + " served by " + connect + " within " + bound, last);
    }

    /**
     * Polls the first server's client port until it accepts a connection: the client library backs off up to
     * a second between attempts on a refused port, which would otherwise blur a restart time.
     */
    private static void awaitListening(String connect, long deadline, BooleanSupplier alive) {
        String first = connect.split(",")[0];
        int colon = first.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            try (Socket s = new Socket()) {
                s.connect(address, 1_000);
                return;
            } catch (IOException e) {
                pause();
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
