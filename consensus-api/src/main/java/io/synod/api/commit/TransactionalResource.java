package io.synod.api.commit;

/**
 * What a participant of distributed transactions does its part against: a shard of accounts, a
 * table, a queue — the user's state, with locks. The commit protocol asks it to vote and tells it
 * the outcome; it never decides the outcome itself.
 *
 * <p><b>Threading.</b> Called from the participant's single driver thread, never concurrently,
 * never from inside a protocol core (cores do no I/O: they ask the driver to call the resource,
 * and hear the vote back as an input).
 *
 * <p><b>The promise of a yes.</b> {@link #prepare} answering yes must leave the resource able to
 * {@link #commit} the transaction later whatever else happens meanwhile — typically by taking the
 * locks the part needs and checking its preconditions (funds, versions, constraints). Until the
 * outcome arrives, other work that would break that promise must wait or be refused.
 *
 * <p><b>Durability and restarts.</b> A resource keeps its committed state itself, durably (a
 * resource kept only in memory survives no restart). The participant records a yes durably
 * before it reports it, and an outcome before it applies it, which covers what a crash can lose
 * in between: after a restart the core has the driver call {@link #restorePrepared} for each
 * transaction it voted yes on with no outcome recorded (so the resource holds its locks again),
 * and {@link #commit} or {@link #abort} again for each outcome it recorded but cannot know was
 * applied. So {@code commit} and {@code abort} must be idempotent, and {@code restorePrepared} of
 * a transaction the resource already committed or aborted must change nothing.
 *
 * <pre>{@code
 * final class Accounts implements TransactionalResource {
 *     public Vote prepare(TransactionId txn, byte[] part) {
 *         Transfer t = Transfer.decode(part);
 *         if (locked.containsKey(t.account())) return Vote.no("account " + t.account() + " is busy");
 *         if (balance(t.account()) + t.delta() < 0) return Vote.no("insufficient funds");
 *         locked.put(t.account(), txn); pending.put(txn, t); return Vote.YES;
 *     }
 *     public void commit(TransactionId txn) { Transfer t = pending.remove(txn); if (t != null) { apply(t); locked.remove(t.account()); } }
 *     public void abort(TransactionId txn) { Transfer t = pending.remove(txn); if (t != null) locked.remove(t.account()); }
 *     public void restorePrepared(TransactionId txn, byte[] part) { Transfer t = Transfer.decode(part); locked.put(t.account(), txn); pending.put(txn, t); }
 * }
 * }</pre>
 */
public interface TransactionalResource {

    /**
     * Can this participant do its {@code part} of {@code transaction}? Decide from the resource's
     * own state; a yes promises that {@link #commit} will succeed. Called at most once per
     * transaction in one run of the resource.
     *
     * @return {@link Vote#YES}, or {@link Vote#no} with a reason
     */
    Vote prepare(TransactionId transaction, byte[] part);

    /** Makes the transaction's part durable and visible and releases what the yes held. Must not fail for a prepared transaction. */
    void commit(TransactionId transaction);

    /** Forgets the transaction's part and releases what the yes held; a transaction never prepared here is ignored. */
    void abort(TransactionId transaction);

    /**
     * After a restart: this participant had voted yes on {@code transaction} and no outcome is
     * recorded yet, so the resource must hold again what the yes promised. Must not refuse.
     */
    void restorePrepared(TransactionId transaction, byte[] part);
}
