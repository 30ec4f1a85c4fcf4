package io.synod.api;

/**
 * Thrown by {@link StateMachine#apply} to refuse a command deterministically: the command is
 * invalid for the current state (a transfer from an empty account, a write to a missing key…)
 * and every replica, applying the same command to the same state, refuses it alike.
 *
 * <p>The state machine must throw before it changes anything: the runtime cannot roll back. The
 * refusal is then an outcome like a result — recorded for the command's client, so that a retry
 * of the same command is refused again rather than applied, folded into the replicas' running
 * digest, and reported to the client as a failed future whose message is {@link #getMessage()}.
 * The replica and the cluster carry on.
 *
 * <p>Any other exception from {@code apply} means the state machine can no longer be trusted
 * (it may have half-applied the command, or fail on this replica only): the replica stops.
 *
 * <pre>{@code
 * public byte[] apply(ApplyContext ctx, byte[] command) {
 *     Transfer t = Transfer.decode(command);
 *     if (balance(t.from()) < t.amount()) {
 *         throw new CommandRejectedException("insufficient funds in " + t.from());
 *     }
 *     ...
 * }
 * }</pre>
 */
public class CommandRejectedException extends RuntimeException {

    /** @param reason why the command was refused; the same on every replica for the same state */
    public CommandRejectedException(String reason) {
        super(reason == null ? "" : reason, null, false, false);
    }
}
