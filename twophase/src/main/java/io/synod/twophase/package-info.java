/**
 * Two-phase commit with presumed abort and the cooperative termination protocol, as a
 * deterministic {@link io.synod.api.commit.CommitCore}.
 *
 * <p><b>The protocol.</b> The coordinator sends PREPARE (with the participant list) to every
 * participant; each has its {@link io.synod.api.commit.TransactionalResource} vote, records a yes
 * before sending it, and waits. With every yes in, the coordinator records COMMIT, then announces
 * it (and re-announces until each participant ACKs); on a no or a vote timeout it aborts without a
 * record — presumed abort: a coordinator that finds no commit record answers abort. A participant
 * records the outcome before applying it.
 *
 * <p><b>Blocking.</b> A participant that voted yes may not decide alone. It asks its coordinator,
 * then its peers: a peer that knows tells, a peer that never voted records that it never will and
 * answers abort. If the coordinator is gone and every participant voted yes, nobody can help: the
 * participants block, holding their locks, until the coordinator returns. This is two-phase
 * commit's nature, which the commit experiment measures, not a bug.
 *
 * <p><b>Records and release.</b> COMMIT (coordinator), PREPARED, DECIDED and REFUSED
 * (participant), see {@code TwoPhaseRecord}. A coordinator's COMMIT goes once every participant
 * acknowledged; a participant's records of an abort once applied. A participant keeps its records
 * of a commit (and of a refusal): forgetting them, it would refuse a peer's later question about a
 * transaction that committed. (Releasing them needs an end-of-transaction notice from the
 * coordinator, not yet built.)
 *
 * <pre>{@code
 * CommitProtocol twoPc = TwoPhaseCommit.builder().voteTimeoutTicks(20).askPeersAfterTicks(16).build();
 * CommitCore core = twoPc.create(new CommitContext(self, nodes, random, hardState, records));
 * core.begin(Transaction.of(new TransactionId(self, 1), Map.of(2, debit, 3, credit)));
 * }</pre>
 */
package io.synod.twophase;
