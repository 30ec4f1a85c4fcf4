package io.synod.benchmarks.group;

import io.synod.runtime.Replica;

import java.time.Duration;
import java.util.Locale;
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

    /**
     * Runs a closed loop of {@code clients} at {@code replica} for {@code length}, before any
     * measured or JMH warm-up iteration, and returns the commands completed in each second (the
     * last part second left out). The JIT compiles the replica's hot paths in tiers over several
     * seconds and the collector sizes its young generation to the allocation rate only after a
     * few collections; JMH's warm-up iterations of a few seconds each were not enough, so that
     * the first measured iterations of a run were still climbing. Every command is applied
     * before this returns.
     */
    public static long[] warmUp(int clients, Replica replica, byte[] command, Duration length) {
        long seconds = length.toSeconds();
        long[] perSecond = new long[(int) seconds];
        if (seconds == 0) {
            return perSecond;
        }
        ClosedLoop loop = new ClosedLoop(clients, replica, command);
        long start = System.nanoTime();
        long count = 0;
        for (int s = 0; s < seconds; s++) {
            long end = start + (s + 1) * 1_000_000_000L;
            while (System.nanoTime() - end < 0) {
                for (int i = 0; i < 256; i++) {
                    loop.cycle(replica, command);
                }
                count += 256;
            }
            perSecond[s] = count;
            count = 0;
        }
        loop.drain();
        return perSecond;
    }

    /** The rates of {@link #warmUp}, in thousands a second, for a report line. */
    public static String describe(long[] perSecond) {
        StringBuilder b = new StringBuilder();
        for (long n : perSecond) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%,d", n / 1000));
        }
        return b.toString();
    }

    /** Waits for every outstanding command. */
    public void drain() {
        for (CompletableFuture<?> f : ring) {
            f.join();
        }
    }
}
