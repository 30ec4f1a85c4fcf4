/**
 * The production driver of a protocol core, and the replication layer every protocol shares.
 *
 * <p>{@link io.synod.runtime.Replica} is the user's handle, built by one fluent builder from a
 * protocol, a node id and the members, a transport, three stores and a
 * {@link io.synod.api.StateMachine}. Behind it one thread (an Agrona agent) runs a duty cycle:
 * turn elapsed time into ticks, take arrived messages, take client requests, and carry out every
 * {@link io.synod.api.Ready} — send early messages, persist with one sync, send, apply, answer.
 *
 * <p><b>Persisting in the background.</b> With
 * {@link io.synod.runtime.ReplicaConfig#persistInBackground()} the sync runs on a thread of the
 * replica's own, and the duty cycle goes on meanwhile: it ticks, takes messages and cuts further
 * Readys, which wait their turn in a pipeline; client requests wait for the next batch. Nothing of
 * a later Ready leaves, and no role or commit index is reported, before every earlier batch is
 * durable; only committed entries whose copy here is already durable are applied (and answered)
 * early, in order. So a leader answers the batch a follower just confirmed while its own next
 * fsync runs, and neither a leader's heartbeats nor a follower's count of silence stop for its
 * fsync. The Ready contract's "pipelined driver" paragraph says what a core may rely on.
 *
 * <p><b>Lifecycle.</b> {@code start()} validates the description (node ids, membership, the
 * transport's node, the client id), recovers from the storage and builds the core; if it refuses,
 * it closes the transport and storage it was given. {@code close()} ends the thread and closes
 * them whatever state the replica is in. {@link io.synod.runtime.Replica#health()} says whether it
 * runs, why it stopped, and what it counted.
 *
 * <p><b>Sessions and exactly once.</b> Every command runs in a session of the replicated
 * {@link io.synod.runtime.session.SessionTable} ({@code io.synod.runtime.session}): sessions open,
 * renew, close and expire through the log, in log time (the leaders' time stamps), at the same
 * index on every replica. A command carries (session id, sequence number, acknowledged number);
 * the table answers a retry with its first outcome (and where it was applied) instead of applying
 * it again, refuses a different command under a number already used, and a command of a session
 * that is not open. The result window and the timeout bounds are replicated configuration. The
 * handle's own commands ({@link io.synod.runtime.Replica#submit(byte[])}) run in a session the handle
 * opens at its first command; a service's clients get sessions of their own
 * ({@link io.synod.runtime.Replica#openSession}) and submit under them. The simulator drives the
 * same classes, so what it proves about exactly-once and expiry holds here.
 *
 * <p><b>Client API.</b> Besides {@code submit} and the linearizable {@code read}:
 * {@code readLocal(minIndex, query)} answers from this replica once it applied {@code minIndex}
 * (never older than what the client saw); {@code sync()} is a linearizable barrier (a read index
 * confirmed through the core, then waited for locally); {@code touch(session)} keeps a session
 * alive, batched into one renewal per tick and per third of a timeout. Listeners, all called on
 * the replica thread and never to block (an exception from one stops the replica): an
 * {@link io.synod.runtime.AppliedListener} after each applied command and each session end
 * (a service fires its watches there), a {@link io.synod.runtime.LeadershipListener} when leading
 * begins or ends, a {@link io.synod.runtime.LeaderTick} at every tick while leading, with a proposer
 * for the service's own timers (idempotent commands outside any session).
 *
 * <pre>{@code
 * Session s = replica.openSession(Duration.ofSeconds(10)).get();
 * Applied a = replica.submit(s.id(), 1, createEphemeral("/lock")).get();   // result, index, position
 * replica.touch(s.id());                                                    // on every client ping
 * byte[] seen = otherReplica.readLocal(a.index(), getData("/lock")).get();  // not older than a
 * long barrier = otherReplica.sync().get();                                 // then readLocal is fresh
 * replica.onApplied((ctx, command, result) -> watches.fire(ctx, command));
 * replica.closeSession(s.id()).get();                                       // the ephemeral goes everywhere
 * }</pre>
 *
 * <p><b>Threading.</b> {@code Replica}'s methods are safe from any thread and never block on a
 * replica that stopped or closed; futures complete on the replica's thread.
 *
 * <p><b>Time.</b> Ticks reach the core before any message or request of a duty cycle; after a
 * pause, up to {@link io.synod.api.Protocol#ticksAfterPause()} of the elapsed ticks are delivered
 * at once, so that a lease never outlives a pause longer than itself. (A pause that strikes
 * between the clock's reading and the serving of a read, inside one duty cycle, is what a lease's
 * clock assumption must still cover.)
 *
 * <p><b>Failure.</b> Fail-stop: any exception from a store, the transport, the core or the state
 * machine stops the replica for good — it carries out nothing more and sends nothing more, so a
 * batch whose persist failed is never followed by a message that reports it, and every pending
 * request fails with {@link io.synod.runtime.RequestFailedException.Cause#STOPPED} and the cause.
 * Survived: a command the state machine rejects ({@link io.synod.api.CommandRejectedException};
 * only that client's future fails, alike on every replica), a message the core refuses
 * ({@link io.synod.api.InvalidMessageException}) or one addressed elsewhere or from outside the
 * cluster (dropped and counted), an unanswered command or read (proposed again every
 * {@link io.synod.runtime.ReplicaConfig#retryTicks()} ticks until
 * {@link io.synod.runtime.ReplicaConfig#requestTimeout()}).
 *
 * <p><b>Snapshots and the log.</b> Every {@link io.synod.runtime.ReplicaConfig#snapshotEvery()}
 * applied entries the replica takes a consistent view of its state and writes it on a background
 * thread while it goes on applying; once it is durable the log is compacted, keeping
 * up to {@link io.synod.runtime.ReplicaConfig#logRetention()} entries and
 * {@link io.synod.runtime.ReplicaConfig#logRetentionBytes()} bytes below it for peers that lag a
 * little. Peers that lag more get the snapshot streamed in chunks
 * ({@link io.synod.runtime.snapshot}). A Ready's hard state is stored before its log changes, or
 * after them when the Ready asks.
 *
 * <p><b>Divergence.</b> Every replica keeps a running digest of what it applied and, every
 * {@link io.synod.runtime.ReplicaConfig#digestEvery()} entries, orders a report of it through the
 * log; a replica whose digest differs from a majority's stops with a
 * {@link io.synod.runtime.ReplicaDivergedException}, and the others count it.
 *
 * <p><b>Example</b> (the handle's own session):
 * <pre>{@code
 * try (Replica r = Replica.builder().protocol(p).self(1).members(1, 2, 3)
 *         .transport(t).storage(log, hard, snaps).stateMachine(sm).start()) {
 *     byte[] answer = r.submit("incr".getBytes()).get(5, TimeUnit.SECONDS);
 *     byte[] value = r.read("get".getBytes()).get(5, TimeUnit.SECONDS);
 *     if (!r.health().isRunning()) {
 *         log.error("replica stopped", r.health().failure());
 *     }
 * }
 * }</pre>
 */
package io.synod.runtime;
