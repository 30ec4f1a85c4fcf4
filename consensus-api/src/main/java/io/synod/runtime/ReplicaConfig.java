package io.synod.runtime;

import io.synod.api.WallClock;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.snapshot.SnapshotTransferConfig;
import io.synod.spi.Clock;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a replica's runtime behaves: one validated, immutable value. Protocol settings (timeouts
 * in ticks, quorums, batch sizes) belong to the {@link io.synod.api.Protocol}; these are the
 * settings of the machinery around it.
 *
 * @param tickInterval    wall-clock time per protocol tick
 * @param retryTicks      ticks after which an unanswered command or read is proposed again
 *                        (safe: commands are applied once however often they are proposed)
 * @param requestTimeout  time after which a client's future fails with a timeout
 * @param snapshotEvery   applied entries between two snapshots (which let the log be compacted);
 *                        a snapshot is written in the background while the replica goes on applying
 * @param sessionWindow   the most commands the handle's own session keeps in flight (keep it at or
 *                        below the replicated result window, {@link SessionConfig#resultWindow()})
 * @param digestEvery     log entries between two comparisons of the replicas' running digests
 *                        (each replica then orders one small report through the log)
 * @param clock           the runtime's only monotonic clock (ticks, timeouts)
 * @param wallClock       the wall clock a leader stamps its batches with (log time, see
 *                        {@link io.synod.api.CommandBatch}); the system clock by default
 * @param sessions        the replicated session rules this replica proposes when it leads and none
 *                        were ever applied (the first leader's win; change them later with
 *                        {@link Replica#configureSessions}), or {@code null} to propose none
 * @param idleStrategy    what the replica thread does when a duty cycle found nothing to do
 * @param logRetention    log entries kept below the newest snapshot when the log is compacted, so
 *                        that a peer lagging by fewer catches up from the log instead of a whole
 *                        snapshot (ZooKeeper's DIFF); storage may keep more (a file storage keeps
 *                        the log from its oldest retained snapshot on)
 * @param logRetentionBytes at most this many bytes of entries kept below the newest snapshot, whatever
 *                        {@code logRetention} allows: with large batches a count of entries alone
 *                        can hold gigabytes, and the log a memory store keeps is heap the collector
 *                        copies again and again
 * @param snapshotTransfer how snapshots travel to peers that need them
 * @param persistInBackground true to persist each batch on a thread of the replica's own, so that the
 *                        replica thread goes on taking messages, ticking and applying what is already
 *                        durable while the fsync runs (see {@link ReadyPipeline}); false (the default)
 *                        persists on the replica thread, which then waits out every fsync. On a
 *                        machine with few cores the thread hand-offs cost more than the overlap gains
 *                        (benchmarks/README.md, "Persisting in the background"); with a slow disk and
 *                        cores to spare it keeps a replica responsive through long fsyncs
 * @param snapshotEveryBytes applied log bytes after which a snapshot is taken even before
 *                        {@code snapshotEvery} entries: with large batches a count of entries alone
 *                        lets the log above the snapshot, which a restart replays command by command,
 *                        grow to hundreds of thousands of commands (ZooKeeper counts transactions,
 *                        100,000 by default); once a snapshot is larger than four times this, a quarter
 *                        of its size is the bound instead, so a large state is not rewritten for every few megabytes
 */
public record ReplicaConfig(
    Duration tickInterval,
    int retryTicks,
    Duration requestTimeout,
    long snapshotEvery,
    int sessionWindow,
    long digestEvery,
    Clock clock,
    WallClock wallClock,
    SessionConfig sessions,
    Supplier<IdleStrategy> idleStrategy,
    long logRetention,
    long logRetentionBytes,
    SnapshotTransferConfig snapshotTransfer,
    long snapshotEveryBytes,
    boolean persistInBackground) {

    public ReplicaConfig {
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(idleStrategy, "idleStrategy");
        Objects.requireNonNull(snapshotTransfer, "snapshotTransfer");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tickInterval must be positive, was " + tickInterval);
        }
        if (retryTicks < 1) {
            throw new IllegalArgumentException("retryTicks must be >= 1, was " + retryTicks);
        }
        if (requestTimeout.compareTo(tickInterval) < 0) {
            throw new IllegalArgumentException("requestTimeout " + requestTimeout + " is shorter than one tick " + tickInterval);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be >= 1, was " + snapshotEvery);
        }
        if (sessionWindow < 1) {
            throw new IllegalArgumentException("sessionWindow must be >= 1, was " + sessionWindow);
        }
        if (snapshotEveryBytes < 1) {
            throw new IllegalArgumentException("snapshotEveryBytes must be >= 1, was " + snapshotEveryBytes);
        }
        if (digestEvery < 1) {
            throw new IllegalArgumentException("digestEvery must be >= 1, was " + digestEvery);
        }
        if (logRetention < 0) {
            throw new IllegalArgumentException("logRetention must be >= 0, was " + logRetention);
        }
        if (logRetentionBytes < 0) {
            throw new IllegalArgumentException("logRetentionBytes must be >= 0, was " + logRetentionBytes);
        }
    }

    /**
     * Defaults: 50 ms ticks, retry after 10 ticks (500 ms), 10 s timeout, snapshot every 10,000
     * entries or 8 MiB of applied entries, whichever comes first (written in the background) keeping up to 5,000 entries and 16 MiB of log below each, 4,096 commands
     * in flight, digests compared every 1,024 entries, the system clocks, {@link SessionConfig#DEFAULTS}
     * proposed as the session rules, snapshots sent in 256 KiB chunks, 8 in flight, batches
     * persisted on the replica thread (see {@link #withPersistInBackground} for the other way and
     * what it costs), and an idle replica thread that spins once, yields 10 times, then parks until
     * its next tick or a doorbell's ring ({@link TickBoundIdleStrategy}).
     *
     * <p>The tick sets every protocol timeout in wall-clock terms: with Multi-Paxos's default of a
     * heartbeat every 2 ticks and an election after 10 to 20, a leader speaks every 100 ms and a
     * follower waits 0.5 to 1 s before it campaigns (etcd: 100 ms and 1 s), long enough to ride out a
     * slow fsync or a busy CPU without a needless election.
     */
    public static ReplicaConfig defaults() {
        return new ReplicaConfig(Duration.ofMillis(50), 10, Duration.ofSeconds(10), 10_000, 4096, 1024,
            Clock.system(), System::currentTimeMillis, SessionConfig.DEFAULTS, () -> new TickBoundIdleStrategy(1, 10),
            5_000, 16L << 20, SnapshotTransferConfig.DEFAULTS, 8L << 20, false);
    }

    public ReplicaConfig withTickInterval(Duration value) {
        return new ReplicaConfig(value, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withRetryTicks(int value) {
        return new ReplicaConfig(tickInterval, value, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withRequestTimeout(Duration value) {
        return new ReplicaConfig(tickInterval, retryTicks, value, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withSnapshotEvery(long value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, value, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withSessionWindow(int value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, value, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withDigestEvery(long value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, value, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withClock(Clock value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, value, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withWallClock(WallClock value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, value, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withSessions(SessionConfig value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, value, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withIdleStrategy(Supplier<IdleStrategy> value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, value, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withLogRetention(long value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, value, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withLogRetentionBytes(long value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, value, snapshotTransfer, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withSnapshotTransfer(SnapshotTransferConfig value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, value, snapshotEveryBytes, persistInBackground);
    }

    public ReplicaConfig withSnapshotEveryBytes(long value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, value, persistInBackground);
    }

    public ReplicaConfig withPersistInBackground(boolean value) {
        return new ReplicaConfig(tickInterval, retryTicks, requestTimeout, snapshotEvery, sessionWindow, digestEvery, clock, wallClock, sessions, idleStrategy, logRetention, logRetentionBytes, snapshotTransfer, snapshotEveryBytes, value);
    }
}
