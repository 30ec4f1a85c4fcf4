/**
 * Two-phase commit, as a deterministic protocol core (not yet written).
 *
 * <p>It will map onto the common SPI this way: a {@link io.synod.api.role.Coordinator} begins a
 * transaction from a client command, asks every participant to prepare, and counts votes with an
 * all-replicas quorum; it logs its decision (a log entry) before announcing it. Each
 * {@link io.synod.api.role.Participant} logs its vote before sending it, and applies a committed
 * transaction through {@code Effects.commit}; an abort reaches the client as
 * {@code ClientReply.Rejected} with reason {@code ABORTED}.
 */
package io.synod.twophase;
