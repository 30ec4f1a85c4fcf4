/**
 * The parts the atomic commit protocols share, so that two-phase commit, three-phase commit and
 * Paxos Commit need not know each other.
 *
 * <ul>
 *   <li>{@link io.synod.protocol.commit.RecordFrame} — the header every commit record starts with
 *       (kind, transaction), participant lists, and decoding that stops the node on a corrupt
 *       record, naming the protocol and the record.</li>
 *   <li>{@link io.synod.protocol.commit.TransactionRecord} — the classic records (commit,
 *       prepared, decided, refused, pre-committed), each protocol naming its kinds in an enum
 *       that says which fields a kind carries.</li>
 *   <li>{@link io.synod.protocol.commit.CoordinatorParticipantCore} — a core made of a coordinator
 *       and a participant on one batch of effects, recovering both from the records.</li>
 * </ul>
 *
 * <p><b>Rules.</b> Those of a protocol core: no thread, clock, unseeded randomness, file or socket;
 * nothing here is thread-safe.
 *
 * <pre>{@code
 * enum Kind implements TransactionRecord.Layout { COMMIT(Fields.PARTICIPANTS), PREPARED(Fields.PARTICIPANTS_AND_PART), ... }
 * byte[] bytes = new TransactionRecord<>(Kind.PREPARED, t, participants, part, false).encode();
 * TransactionRecord<Kind> r = TransactionRecord.decode("two-phase commit", Kind.values(), index, bytes);
 * CommitCore core = new CoordinatorParticipantCore<>(context, "two-phase commit", TwoPhaseMessage.class,
 *     (i, data) -> TransactionRecord.decode("two-phase commit", Kind.values(), i, data), trail, coordinator, participant);
 * }</pre>
 */
package io.synod.protocol.commit;
