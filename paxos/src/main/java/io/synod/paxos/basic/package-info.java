/**
 * Basic Paxos — Lamport's single-decree Synod protocol ("Paxos Made Simple") — run as a
 * replicated log of independent instances, one per slot, with no distinguished leader.
 *
 * <p><b>Roles.</b> {@link io.synod.paxos.basic.BasicPaxosCore} composes a proposer, an acceptor
 * and a learner on one node; the configuration says which a node plays
 * ({@link io.synod.paxos.basic.BasicPaxos.Builder#proposers},
 * {@link io.synod.paxos.basic.BasicPaxos.Builder#learners}; acceptors are the quorum system's
 * members), so the roles can also be spread across nodes.
 *
 * <p><b>One slot.</b> A proposer with queued commands takes the lowest slot it does not know to
 * be decided and runs phase 1 (Prepare / Promise, the promises reporting the highest-ballot
 * value accepted in that slot) and phase 2 (Accept / Accepted) over quorums from
 * {@link io.synod.quorum.QuorumSystem} (phase-1 and phase-2 quorums may differ, as in Flexible
 * Paxos). Acceptors send Accepted to every learner and to the proposer; a learner learns a
 * value when a phase-2 quorum accepted it under one ballot. If another value wins the slot, the
 * proposer retries its commands in the next one. A proposer that meets a higher ballot (a Nack)
 * or a silent quorum waits a random, growing number of ticks before it tries a higher ballot.
 *
 * <p><b>Durability.</b> Acceptor votes per undecided slot and the proposer's highest ballot round
 * live in the hard state; decisions live in the log, one entry per slot
 * ({@code LogEntry(slot, ballot that chose it, value)}), in slot order. Both are stored with the
 * batch whose messages depend on them. Learners that miss decisions ask peers, receive their
 * snapshot if the gap was compacted away, and as a last resort have their proposer run both
 * phases on the gap (which finds the chosen value or fills the slot with a no-op). The hard state
 * also records the highest slot whose votes were dropped, so a node whose log lost decisions
 * (a damaged tail or snapshot) stays silent in exactly those slots until it has re-learned them.
 *
 * <p><b>Threading and I/O.</b> None; a core is driven by one thread through
 * {@link io.synod.api.ProtocolCore}, and draws randomness only from its context.
 *
 * <pre>{@code
 * Protocol protocol = BasicPaxos.builder().quorum(QuorumSystem.majority(1, 2, 3)).build();
 * ProtocolCore core = protocol.create(context);   // by the runtime or the simulator
 * core.propose(command);
 * while (core.hasReady()) {
 *     Ready ready = core.ready();                 // persist, then send, then apply
 * }
 * }</pre>
 */
package io.synod.paxos.basic;
