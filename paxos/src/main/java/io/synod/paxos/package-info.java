/**
 * The Paxos family, as deterministic protocol cores.
 *
 * <p>Ballots ({@link io.synod.protocol.Ballot}: a round made unique by the proposer's node id,
 * packed into a log entry's term), the codecs' frame reader and writer, backoff and election
 * timing come from the shared protocol parts, {@code io.synod.protocol}, which other protocols use
 * too; Paxos knows no other protocol. {@code io.synod.paxos.basic} is the single-decree Synod
 * protocol of "Paxos Made Simple", run as one independent instance per log slot with no leader;
 * {@code io.synod.paxos.multi} is Multi-Paxos: one distinguished leader runs phase 1 once for all
 * open slots and then phase 2 per slot, with batching, pipelining, catch-up by log or snapshot and
 * ReadIndex reads.
 *
 * <p>Both obey the core contract of {@link io.synod.api.ProtocolCore}: no threads, clocks, I/O or
 * unseeded randomness; acceptors' promises and acceptances are persisted in the same
 * {@link io.synod.api.Ready} whose messages report them, so they are durable before they are seen.
 *
 * <pre>{@code
 * Protocol protocol = MultiPaxos.builder().quorum(QuorumSystem.majority(1, 2, 3)).maxBatch(256).build();
 * Replica replica = Replica.builder().protocol(protocol).self(1).members(1, 2, 3) ... .start();
 * }</pre>
 */
package io.synod.paxos;
