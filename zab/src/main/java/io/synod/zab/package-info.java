/**
 * ZooKeeper Atomic Broadcast (Junqueira, Reed, Serafini, DSN 2011; Medeiros 2012) as a
 * deterministic protocol core: {@link io.synod.zab.Zab} builds it.
 *
 * <p>How it maps onto the common SPI:
 * <ul>
 *   <li><b>Election</b> — fast leader election ({@code FastLeaderElection}): votes are messages,
 *       ranked by (current epoch, last zxid, server id), counted with phase-1 quorums of the
 *       {@code quorum} module (so weighted and hierarchical quorums work as in ZooKeeper). A peer
 *       that leads or follows answers a looking one with the leader and the epoch it is in, and a
 *       late peer joins when a quorum of such answers and the leader's own agree.</li>
 *   <li><b>Discovery</b> — FOLLOWERINFO / LEADERINFO / ACKEPOCH; the accepted epoch is hard state,
 *       stored before ACKEPOCH leaves (a Ready persists before it sends).</li>
 *   <li><b>Synchronisation</b> — NEWLEADER carries DIFF ({@code Effects.append}), TRUNC
 *       ({@code Effects.truncateFrom}) or SNAP ({@code Effects.installSnapshot}); the current epoch
 *       is stored one batch after that history, and only then acknowledged.</li>
 *   <li><b>Broadcast</b> — the leader ({@link io.synod.api.role.Proposer}) sends proposals as early
 *       messages; followers ({@link io.synod.api.role.Acceptor} and
 *       {@link io.synod.api.role.Learner}) log them before they ACK; commits come in zxid order.
 *       Observers are learners only and receive committed entries (INFORM).</li>
 *   <li><b>Suspicions</b> — {@link io.synod.api.ProtocolCore#suspect} (a peer's connection closed):
 *       a learner whose leader it names looks for a leader at once instead of waiting out the
 *       leader's silence; a looking peer stops counting the suspected peer's word in its round. A
 *       hint only: the silence timeouts keep running, and a wrong one costs a rejoin (an
 *       election where the leader has no quorum without the suspecting peer).</li>
 *   <li><b>Reads</b> — {@code read} is linearizable: the leader confirms with a quorum that it still
 *       leads before it answers; followers ask their leader.</li>
 * </ul>
 *
 * <p>A zxid ({@link io.synod.zab.message.Zxid}) is derived from a log entry: its term is the epoch,
 * its index the position; the log stays contiguous across epochs.
 */
package io.synod.zab;
