package io.synod.benchmarks.group;

import io.synod.runtime.Replica;

import java.util.concurrent.CompletableFuture;

/**
 * A closed loop of {@code clients} outstanding commands at one replica, oldest first: each
 * completion lets the next command in, as that many concurrent clients with one request each
 * would keep. Driven from one benchmark thread.
 */
public final class ClosedLoop {

    private final CompletableFuture<?>[] ring;
    private int next;

    /** Submits {@code clients} copies of {@code command} at {@code replica}. */
    public ClosedLoop(int clients, Replica replica, byte[] command) {
        ring = new CompletableFuture<?>[clients];
        for (int i = 0; i < clients; i++) {
            ring[i] = replica.submit(command);
        }
    }

    /** Waits for the oldest command, submits a new one in its place, and returns the old one's result. */
    public Object cycle(Replica replica, byte[] command) {
        Object done = ring[next].join();
        ring[next] = replica.submit(command);
        next = next + 1 == ring.length ? 0 : next + 1;
        return done;
    }

    /** Waits for every outstanding command. */
    public void drain() {
        for (CompletableFuture<?> f : ring) {
            f.join();
        }
    }
}
