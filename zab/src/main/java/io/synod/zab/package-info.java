/**
 * ZooKeeper Atomic Broadcast, as a deterministic protocol core (not yet written).
 *
 * <p>It will map onto the common SPI this way: fast leader election exchanges votes as messages
 * and counts them with a phase-1 quorum; the discovery and synchronisation phases persist the new
 * epoch as hard state and bring followers in line with {@code Effects.truncateFrom} (TRUNC),
 * {@code Effects.append} (DIFF) or {@code Effects.installSnapshot} (SNAP); broadcast is a leader
 * ({@link io.synod.api.role.Proposer}) whose proposals followers
 * ({@link io.synod.api.role.Acceptor} and {@link io.synod.api.role.Learner}) log before they
 * acknowledge, and commit in zxid order. Observers are learners only. Frame reading and
 * writing, election timeouts and backoff come from the shared protocol parts,
 * {@code io.synod.protocol}, never from another protocol.
 */
package io.synod.zab;
