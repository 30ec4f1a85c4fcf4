/**
 * The contract between a protocol and everything around it.
 *
 * <p><b>The one idea.</b> A protocol is a deterministic, single-threaded {@link io.synod.api.ProtocolCore}.
 * It reacts to four inputs — {@code step} (a message arrived), {@code tick} (time advanced),
 * {@code propose} (a client command), {@code read} (a linearizable read) — and to a driver's news
 * (a snapshot compacted, installed or sent; a peer suspected of having stopped, {@code suspect},
 * a hint for liveness only) — and answers with a
 * {@link io.synod.api.Ready}: what to persist, what to send once that is durable, which chosen
 * entries to apply, what to tell clients. It never starts a thread, reads a clock, draws an
 * unseeded random number or touches a file or socket; the production runtime and the simulator
 * drive the same core, and one seed reproduces one run.
 *
 * <p><b>Lifecycle.</b> A {@link io.synod.api.Protocol} builds a core from a
 * {@link io.synod.api.ProtocolContext} (node id, members, seeded randomness, what was recovered
 * from disk, a wall clock to stamp batches with, a reader of its durable log). A driver then loops: feed inputs, and while the core {@code hasReady()}, carry out
 * its {@code ready()} completely.
 *
 * <p><b>Ordering: persist before send.</b> A driver makes a Ready's hard state and log
 * changes durable (one fsync for the batch) before it sends any of the Ready's messages, then
 * applies committed entries, then answers clients. A promise, an acceptance, an acknowledgement
 * or a vote therefore never leaves a node before the state it reports is on disk. The one
 * exception is a Ready's {@code earlyMessages()} (gathered by {@code Effects.sendEarly}): messages
 * that report nothing the batch persists — a leader's proposal, say — may leave before or while
 * the batch is persisted, so that a leader's fsync and its followers' overlap.
 *
 * <p><b>Persist order.</b> A Ready's hard state is stored before its log changes unless it asks
 * otherwise: {@link io.synod.api.Effects#persistHardStateAfterLog} stores it only once the log
 * changes are durable, for a hard state that vouches for the log (ZAB's currentEpoch, which may
 * name an epoch only once the history it acknowledges is on disk: ZOOKEEPER-4643). A truncation
 * and the appends after it in one Ready are crash-atomic (the log store's contract): after a
 * crash the log is the old one or the new one, so a protocol that replaces accepted entries needs
 * no journal of its own.
 *
 * <p><b>Snapshots stream, and belong to the driver.</b> A {@link io.synod.api.StateMachine}
 * takes a consistent view cheaply ({@code snapshot()} returns a {@link io.synod.api.SnapshotWriter})
 * that a background thread streams out while the replica goes on applying, and reads one back as a
 * stream ({@code restore(InputStream)}). No snapshot bytes pass through a core: it hears where a
 * snapshot ends ({@link io.synod.api.SnapshotMeta}) when the driver wrote one
 * ({@code compacted}), installed one a peer streamed to it ({@code snapshotInstalled}), or
 * delivered its own to a peer ({@code snapshotSent}), and asks for its snapshot to be streamed to a
 * peer with {@link io.synod.api.Effects#sendSnapshot}.
 *
 * <p><b>Log access.</b> {@link io.synod.api.ProtocolContext#log()} is a read-only
 * {@link io.synod.api.LogReader} over the node's durable log — exactly what earlier Readys
 * persisted, including the entries the driver keeps below its snapshot — so a core can send a
 * lagging peer a range of its log (ZooKeeper's DIFF) without holding the log in memory.
 *
 * <p><b>Failure.</b> Messages may be lost, duplicated, delayed and reordered; nodes may crash at
 * any point of the sequence above and restart from what they persisted. Protocols are safe under
 * all of it; the simulator in {@code synod-testkit} checks that they are. A core refuses a message
 * it cannot take with an {@link io.synod.api.InvalidMessageException}, before changing anything,
 * and the driver drops it; any other exception from a core, a store or the state machine stops
 * the node for good (fail-stop), since it can no longer prove what it persisted or applied. A
 * state machine refuses a command deterministically with
 * {@link io.synod.api.CommandRejectedException}: the command then changes nothing, on any node.
 *
 * <p><b>What a state machine sees.</b> {@link io.synod.api.StateMachine#apply} gets an
 * {@link io.synod.api.ApplyContext} with every command — log index, position in the batch, the
 * term and the leader's wall-clock time stamp of the batch, the session and sequence number that
 * issued it, and whether the entry is replayed after a restart. Every value comes from the log,
 * so every replica sees the same. A session's end reaches it as
 * {@link io.synod.api.StateMachine#onSessionExpired}.
 *
 * <p><b>Leader time.</b> A core stamps each batch it cuts ({@link io.synod.api.CommandBatch}) with
 * its {@link io.synod.api.WallClock} (an input of the {@link io.synod.api.ProtocolContext}, like
 * its randomness: the system clock in the runtime, seeded virtual time in the simulator) and its
 * term. The clock stamps; it never decides: timeouts stay in ticks. The runtime makes the stamps
 * monotonic (log time) and expires sessions by it.
 *
 * <pre>{@code
 * // in a core, cutting a batch:
 * byte[] data = CommandBatch.encode(context.wallClock().currentTimeMillis(), ballot, commands);
 * // in a state machine, applying it:
 * public byte[] apply(ApplyContext ctx, byte[] command) {
 *     node.modified = ctx.timestamp();              // the leader's time, the same everywhere
 *     node.version = (ctx.index() << 16) | ctx.position();
 *     return node.stat();
 * }
 * }</pre>
 *
 * <p><b>Atomic commit</b> (2PC, 3PC, Paxos Commit) is not a log: its protocols decide per
 * transaction and have their own, smaller core contract in {@code io.synod.api.commit}
 * ({@code CommitCore}, {@code CommitReady}), which says why.
 *
 * <p><b>Example</b>: the heart of a driver.
 * <pre>{@code
 * ProtocolCore core = protocol.create(new ProtocolContext(self, members, observers, random, recovered,
 *     wallClock, durableLog));
 * core.propose(new Command(clientId, 1, payload));
 * while (core.hasReady()) {
 *     Ready ready = core.ready();
 *     ready.earlyMessages().forEach(transport::send); // may leave before the fsync
 *     persist(ready);                                  // hard state and log, in the order asked; one fsync
 *     ready.messages().forEach(transport::send);      // the rest only now
 *     ready.snapshotRecipients().forEach(transfers::send);   // streamed in chunks, installed there
 *     ready.committed().forEach(e -> state.apply(e, outcomes));   // a ReplicatedState
 *     ready.replies().forEach(this::answer);
 * }
 *
 * // a state machine's snapshot: a view taken now, streamed later
 * public SnapshotWriter snapshot() {
 *     Map<String, String> view = Map.copyOf(entries);   // or an immutable root, for a large state
 *     return out -> Codec.write(view, out);
 * }
 * }</pre>
 */
package io.synod.api;
