/**
 * The production driver of a protocol core, and the replication layer every protocol shares.
 *
 * <p>{@link io.synod.runtime.Replica} is the user's handle, built by one fluent builder from a
 * protocol, a node id and the members, a transport, three stores and a
 * {@link io.synod.api.StateMachine}. Behind it one thread (an Agrona agent) runs a duty cycle:
 * take client requests, take arrived messages, turn elapsed time into ticks, and carry out every
 * {@link io.synod.api.Ready} — persist with one sync, send, apply, answer.
 *
 * <p>{@link io.synod.runtime.ReplicatedState} applies committed entries exactly once: each command
 * carries (client id, sequence number), and a {@link io.synod.runtime.SessionTable} answers a
 * retried command with its first result instead of applying it again. The simulator uses the same
 * class, so what it proves about exactly-once holds here.
 *
 * <p><b>Threading.</b> {@code Replica}'s methods are safe from any thread; futures complete on the
 * replica's thread.
 *
 * <p><b>Failure.</b> Unanswered commands are proposed again every
 * {@link io.synod.runtime.ReplicaConfig#retryTicks()} ticks (harmless, thanks to the session table)
 * until {@link io.synod.runtime.ReplicaConfig#requestTimeout()}; a timed-out command may still be
 * applied. A store error stops the replica and fails all pending requests.
 *
 * <p><b>Example</b>:
 * <pre>{@code
 * try (Replica r = Replica.builder().protocol(p).self(1).members(1, 2, 3)
 *         .transport(t).storage(log, hard, snaps).stateMachine(sm).start()) {
 *     byte[] answer = r.submit("incr".getBytes()).get(5, TimeUnit.SECONDS);
 *     byte[] value = r.read("get".getBytes()).get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
package io.synod.runtime;
