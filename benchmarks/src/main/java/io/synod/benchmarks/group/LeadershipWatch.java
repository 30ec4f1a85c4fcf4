package io.synod.benchmarks.group;

import io.synod.api.CoreStatus;
import io.synod.runtime.Replica;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts how often leadership moved during a benchmark, so that an unstable leader shows in the
 * report instead of as an unexplained dip.
 *
 * <p>Two measures, because each misses something the other sees:
 * <ul>
 *   <li>{@link #ballotRounds()}: how far the highest ballot round of any replica has advanced.
 *       Every campaign raises it, so it is exact however short a leadership was, and it counts
 *       failed campaigns too.</li>
 *   <li>{@link #leaderChanges()}: how often the replica that reports itself leader changed, as seen
 *       by a thread that looks every millisecond; a leadership shorter than that may be missed.</li>
 * </ul>
 */
public final class LeadershipWatch implements AutoCloseable {

    private static final long PERIOD_NANOS = 1_000_000;

    private final List<Replica> replicas;
    private final AtomicLong leaderChanges = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private int lastLeader = CoreStatus.NO_LEADER;

    public LeadershipWatch(List<Replica> replicas) {
        this.replicas = List.copyOf(replicas);
        this.thread = new Thread(this::watch, "leadership-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Times the self-reported leader changed to another replica since the watch started. */
    public long leaderChanges() {
        return leaderChanges.get();
    }

    /** The highest ballot round any replica has promised or used so far. */
    public long ballotRounds() {
        long highest = 0;
        for (Replica r : replicas) {
            highest = Math.max(highest, r.status().term());
        }
        return highest;
    }

    private void watch() {
        while (running) {
            int leader = currentLeader();
            if (leader != CoreStatus.NO_LEADER) {
                if (lastLeader != CoreStatus.NO_LEADER && leader != lastLeader) {
                    leaderChanges.incrementAndGet();
                }
                lastLeader = leader;
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    /** The replica that reports itself leader at the highest term, or NO_LEADER. */
    private int currentLeader() {
        int leader = CoreStatus.NO_LEADER;
        long term = -1;
        for (Replica r : replicas) {
            CoreStatus s = r.status();
            if (s.isLeader() && s.term() > term) {
                leader = s.self();
                term = s.term();
            }
        }
        return leader;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
