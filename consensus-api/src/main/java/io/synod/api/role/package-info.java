/**
 * The roles of the literature, as pieces a protocol core is composed of.
 *
 * <p>Replication, for a {@code ProtocolCore}: {@link io.synod.api.role.Proposer},
 * {@link io.synod.api.role.Acceptor}, {@link io.synod.api.role.Learner} (the Paxos family; ZAB
 * maps leader to proposer, follower to acceptor and learner, observer to learner), each a
 * {@link io.synod.api.role.Role} writing into {@code Effects}.
 *
 * <p>Atomic commit, for a {@code CommitCore}: {@link io.synod.api.role.Coordinator} and
 * {@link io.synod.api.role.Participant}, each a {@link io.synod.api.role.CommitRole} writing into
 * {@code CommitEffects}. Atomic commit decides per transaction rather than extending a log, so
 * its roles have their own effects and their own driver; {@code io.synod.api.commit} says why.
 *
 * <p><b>Threading and I/O.</b> None: a role is called by the core's single thread and acts only
 * through the {@link io.synod.api.Effects} (or {@code CommitEffects}) it is handed.
 *
 * <p><b>Ordering.</b> Everything a role asks to persist in one call is durable before any message
 * it sends in that call leaves the node: roles may therefore send a promise or a vote in the same
 * call that records it.
 *
 * <p><b>Composition.</b> A core offers each incoming message to its roles in turn:
 * <pre>{@code
 * public void step(Envelope e) {
 *     if (!acceptor.onMessage(e, effects) && !learner.onMessage(e, effects)) {
 *         proposer.onMessage(e, effects);
 *     }
 * }
 * }</pre>
 */
package io.synod.api.role;
