/**
 * The contract of atomic commit protocols — two-phase commit, three-phase commit, Paxos Commit —
 * which decide, per transaction, whether every participant commits its part or none does.
 *
 * <p><b>Atomic commit is not a log.</b> A replication protocol ({@link io.synod.api.ProtocolCore})
 * chooses one sequence of commands that every replica applies to the same state machine. A commit
 * protocol chooses one bit per transaction, among a set of participants that differs from one
 * transaction to the next; each participant does a different part, against its own
 * {@link io.synod.api.commit.TransactionalResource}, and votes from that resource's state; the
 * caller gets a typed {@link io.synod.api.commit.Outcome}, not a state machine's result. Nothing is
 * applied everywhere, there is no leader to read from, and one blocked transaction must not hold
 * up the next, which a log would. Forcing this into the replication runtime would make votes
 * arrive through the log, outcomes pose as rejected commands, and the session table, snapshots,
 * digests and linearizable reads of the runtime machinery that commit protocols have no use for.
 *
 * <p>So commit protocols get their own small core contract, {@link io.synod.api.commit.CommitCore}
 * (inputs: begin, step, tick, resource voted; output: a {@link io.synod.api.commit.CommitReady} of
 * records to persist before messages, messages, resource calls and outcomes), and their own small
 * driver built on the same SPI pieces: a {@link io.synod.spi.Transport} and the protocol's
 * {@link io.synod.spi.MessageCodec} for messages, a {@link io.synod.spi.LogStore} for the records
 * (prepared, decided, acknowledged; appended and synced once per batch, released with
 * {@code compactPrefix} when transactions end), a {@link io.synod.spi.HardStateStore} for
 * ballots, a {@link io.synod.spi.Clock} turned into ticks, and — in tests — the simulator's event
 * engine, network and disk, checked by an atomicity oracle instead of per-index agreement. The
 * roles {@link io.synod.api.role.Coordinator} and {@link io.synod.api.role.Participant} are the
 * pieces a core is composed of, as Proposer, Acceptor and Learner are for Paxos.
 *
 * <p><b>Threading and ordering</b> are those of every core: one thread, no I/O, and everything a
 * batch persists durable before any of its messages leaves; a participant's yes is recorded before
 * it is sent, a coordinator's decision before it is announced, a participant's outcome before it
 * is applied to the resource.
 *
 * <p><b>Example</b>: a caller's view, through a driver.
 * <pre>{@code
 * TransactionId id = new TransactionId(self, nextNumber++);
 * CompletableFuture<Outcome> outcome = commits.run(Transaction.of(id, Map.of(
 *     2, Transfer.debit("alice", 10).encode(),
 *     3, Transfer.credit("bob", 10).encode())));
 * if (outcome.get() instanceof Outcome.Aborted a) {
 *     System.out.println(id + " aborted: " + a.reason() + " " + a.detail());
 * }
 * }</pre>
 */
package io.synod.api.commit;
