/**
 * Multi-Paxos: a replicated log chosen slot by slot under one distinguished leader.
 *
 * <p><b>Shape.</b> {@link io.synod.paxos.multi.MultiPaxos} is the {@link io.synod.api.Protocol}
 * (name {@code "multi-paxos"}) with its validated configuration; it builds one deterministic core
 * per replica. A core composes an acceptor (promise in the hard state, acceptances in the log as
 * {@code LogEntry(slot, ballot, value)}), a learner (commit index, chosen entries handed out in
 * slot order), and, when elected, a proposer that runs phase 1 once for every slot above its
 * commit index, re-proposes what the promises reported (highest ballot wins), fills gaps with
 * no-ops, then runs phase 2 per slot with batching and a window of open slots. Elections use
 * ballots, heartbeats and randomised timeouts drawn from {@code ProtocolContext.random()}.
 *
 * <p><b>Reads.</b> ReadIndex rounds by default; leader leases as an option (see
 * {@link io.synod.paxos.multi.MultiPaxos} for the clock assumption). Local, possibly stale reads
 * are the runtime's business.
 *
 * <p><b>Catch-up.</b> A replica that lags is resent slots from where it says it matches the
 * leader, or sent the leader's snapshot when those slots are compacted away. Observers receive
 * the same stream and never vote.
 *
 * <p><b>Restarts and damaged logs.</b> With leases on, a replica promises no one for an election
 * timeout after it starts (it may have backed a lease just before it went down). A replica whose
 * storage reports a damaged log ({@code Recovered.suspectFrom}) learns but does not vote until it
 * holds the chosen log of a leader elected without it ({@link io.synod.paxos.multi.Rejoin}).
 *
 * <p><b>Threading and I/O.</b> None: a core is driven by one thread and acts only through
 * {@link io.synod.api.Ready}. Messages cross processes through
 * {@link io.synod.paxos.multi.MultiPaxosCodec}.
 *
 * <pre>{@code
 * Protocol protocol = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).maxBatch(64).maxInflight(32).build();
 * ProtocolCore core = protocol.create(new ProtocolContext(1, new int[] {1, 2, 3}, new int[0], random, recovered));
 * core.tick();                       // time
 * core.step(envelope);               // a message
 * core.propose(command);             // a client
 * while (core.hasReady()) {
 *     Ready ready = core.ready();    // persist, send, apply, answer — in that order
 * }
 * }</pre>
 */
package io.synod.paxos.multi;
