package io.synod.testkit;

/**
 * The names of the checks a failed run is attributed to ({@link SimulationResult#caughtBy()}), so
 * that a test can assert which check caught a deliberately broken protocol, not merely that
 * something did. A protocol's own {@link Invariant}s are named by {@link Invariant#name()}.
 */
public final class Checks {

    /** Two nodes committed different data at one index. */
    public static final String AGREEMENT = "agreement";
    /** A node committed a command no client proposed, or changed its payload. */
    public static final String VALIDITY = "validity";
    /** A node handed out committed entries with a gap. */
    public static final String ORDER = "order";
    /** A core asked its driver for something the SPI forbids (a log gap, a message from a stopped node…). */
    public static final String CONTRACT = "contract";
    /** A core (or the driver on its behalf) threw. */
    public static final String EXCEPTION = "exception";
    /** An operation invoked after the heal was late, never completed, or none completed at all. */
    public static final String LIVENESS = "liveness";
    /** Two nodes ended different sessions (or the same ones differently) at one log index. */
    public static final String SESSIONS = "sessions";
    /** The client history has no linearization. */
    public static final String LINEARIZABILITY = "linearizability";
    /**
     * With local reads: a read saw no prefix of the log, or an older one than its client had seen
     * or written before; or an update does not fit its place in the log.
     */
    public static final String SEQUENTIAL_CONSISTENCY = "sequential consistency";
    /** Atomic commit: two deciders of one transaction decided differently (one commit, one abort). */
    public static final String ATOMICITY = "atomicity";
    /** Atomic commit: a commit was decided although some participant voted no or had not voted yes. */
    public static final String COMMIT_VALIDITY = "commit validity";

    private Checks() {
    }
}
