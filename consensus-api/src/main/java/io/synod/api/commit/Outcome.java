package io.synod.api.commit;

/**
 * How a transaction ended, as its caller learns it: committed everywhere, or aborted everywhere
 * and why. Atomic commit allows nothing else: no participant commits unless every participant
 * voted yes, and all participants that decide, decide alike.
 *
 * <pre>{@code
 * if (outcome instanceof Outcome.Aborted a && a.reason() == Outcome.Reason.VOTED_NO) {
 *     log.info("{} aborted: participant {} said {}", a.transaction(), a.participant(), a.detail());
 * }
 * }</pre>
 */
public sealed interface Outcome {

    /** No participant in particular. */
    int NO_PARTICIPANT = -1;

    /** The transaction this is the outcome of. */
    TransactionId transaction();

    /** True for {@link Committed}. */
    boolean committed();

    /** Every participant commits its part. */
    record Committed(TransactionId transaction) implements Outcome {
        public Committed {
            if (transaction == null) {
                throw new IllegalArgumentException("an outcome names its transaction");
            }
        }

        @Override
        public boolean committed() {
            return true;
        }
    }

    /**
     * Every participant aborts its part (or never did it).
     *
     * @param reason      why
     * @param participant the participant the reason is about, or {@link #NO_PARTICIPANT}
     * @param detail      in words: a no vote's reason, what timed out
     */
    record Aborted(TransactionId transaction, Reason reason, int participant, String detail) implements Outcome {
        public Aborted {
            if (transaction == null || reason == null || detail == null) {
                throw new IllegalArgumentException("an abort names its transaction, its reason and a detail (may be empty)");
            }
        }

        @Override
        public boolean committed() {
            return false;
        }
    }

    /** Why a transaction was aborted. */
    enum Reason {
        /** A participant's resource voted no; the detail is its reason. */
        VOTED_NO,
        /** A participant did not vote in time (down, cut off, slow); the coordinator gave up on it. */
        NO_VOTE,
        /** The coordinator restarted and found no decision recorded: with presumed abort, none was made. */
        PRESUMED_ABORT,
        /** The participants decided without their coordinator (a termination protocol), and could only abort. */
        TERMINATION,
        /** The coordinator would not begin it: an id already used, a participant it does not know, or it is not the coordinator. */
        REFUSED
    }
}
