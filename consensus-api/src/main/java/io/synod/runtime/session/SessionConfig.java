package io.synod.runtime.session;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The session rules every replica applies alike: replicated configuration, set through the log
 * by a {@link SystemCommand.Configure} command, never a per-node setting (replicas that kept
 * different windows would answer the same retry differently and drift apart).
 *
 * <p>Until the first configuration is applied, {@link #DEFAULTS} hold on every replica. A leader
 * that finds none applied proposes its own (the runtime's {@code ReplicaConfig.sessions()}); a
 * later change goes through {@code Replica.configureSessions}.
 *
 * @param resultWindow          results remembered per session, at most: a command numbered at or
 *                              below its session's highest number minus this is refused as expired
 * @param defaultTimeoutMillis  the timeout of a session opened without one
 * @param minTimeoutMillis      a requested timeout below this is raised to it
 * @param maxTimeoutMillis      a requested timeout above this is lowered to it
 */
public record SessionConfig(int resultWindow, long defaultTimeoutMillis, long minTimeoutMillis, long maxTimeoutMillis) {

    /** 4,096 results per session; timeouts 30 s by default, within 1 s to 10 min. */
    public static final SessionConfig DEFAULTS = new SessionConfig(4096, 30_000, 1_000, 600_000);

    /** The most results one session may keep. */
    public static final int MAX_RESULT_WINDOW = 1 << 20;

    static final int ENCODED_LENGTH = Integer.BYTES + 3 * Long.BYTES;

    public SessionConfig {
        if (resultWindow < 1 || resultWindow > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("resultWindow must lie in 1.." + MAX_RESULT_WINDOW + ", was " + resultWindow);
        }
        if (minTimeoutMillis < 1) {
            throw new IllegalArgumentException("minTimeoutMillis must be >= 1, was " + minTimeoutMillis);
        }
        if (maxTimeoutMillis < minTimeoutMillis) {
            throw new IllegalArgumentException("maxTimeoutMillis " + maxTimeoutMillis + " is below minTimeoutMillis " + minTimeoutMillis);
        }
        if (defaultTimeoutMillis < minTimeoutMillis || defaultTimeoutMillis > maxTimeoutMillis) {
            throw new IllegalArgumentException("defaultTimeoutMillis " + defaultTimeoutMillis + " lies outside "
                + minTimeoutMillis + ".." + maxTimeoutMillis);
        }
    }

    /** A configuration from durations (whole milliseconds). */
    public static SessionConfig of(int resultWindow, Duration defaultTimeout, Duration minTimeout, Duration maxTimeout) {
        return new SessionConfig(resultWindow, defaultTimeout.toMillis(), minTimeout.toMillis(), maxTimeout.toMillis());
    }

    /** The timeout a session that asked for {@code requestedMillis} gets (0: the default), as ZooKeeper negotiates it. */
    public long negotiate(long requestedMillis) {
        if (requestedMillis <= 0) {
            return defaultTimeoutMillis;
        }
        return Math.max(minTimeoutMillis, Math.min(maxTimeoutMillis, requestedMillis));
    }

    public SessionConfig withResultWindow(int value) {
        return new SessionConfig(value, defaultTimeoutMillis, minTimeoutMillis, maxTimeoutMillis);
    }

    public SessionConfig withTimeouts(long defaultMillis, long minMillis, long maxMillis) {
        return new SessionConfig(resultWindow, defaultMillis, minMillis, maxMillis);
    }

    void encode(ByteBuffer out) {
        out.putInt(resultWindow).putLong(defaultTimeoutMillis).putLong(minTimeoutMillis).putLong(maxTimeoutMillis);
    }

    /** @throws IllegalArgumentException if the values break a rule above */
    static SessionConfig decode(ByteBuffer in) {
        return new SessionConfig(in.getInt(), in.getLong(), in.getLong(), in.getLong());
    }
}
