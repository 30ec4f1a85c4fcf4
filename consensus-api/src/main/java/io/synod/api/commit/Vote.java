package io.synod.api.commit;

/**
 * A participant's answer to "can you commit your part?", decided by its
 * {@link TransactionalResource} from its own state. A yes is a promise: from the moment it is
 * recorded the participant must be able to commit, whatever happens, until told the outcome.
 *
 * @param yes    whether the participant can commit
 * @param reason why not (for a no), shown in the {@link Outcome.Aborted} that follows; empty for a yes
 */
public record Vote(boolean yes, String reason) {

    /** The one yes vote. */
    public static final Vote YES = new Vote(true, "");

    public Vote {
        if (reason == null) {
            throw new IllegalArgumentException("a vote's reason must not be null (empty for a yes)");
        }
        if (yes && !reason.isEmpty()) {
            throw new IllegalArgumentException("a yes vote gives no reason, was '" + reason + "'");
        }
    }

    /** A no, with the reason the caller will see. */
    public static Vote no(String reason) {
        return new Vote(false, reason);
    }

    @Override
    public String toString() {
        return yes ? "yes" : "no (" + reason + ")";
    }
}
