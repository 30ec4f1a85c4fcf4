/**
 * Replicated sessions (Raft thesis §6.3, ZooKeeper's sessions): what makes commands exactly-once
 * and lets a service tie state to a live client — fully deterministic, no in-memory tracker that
 * could disagree with the log.
 *
 * <p><b>Through the log.</b> {@link io.synod.runtime.session.SystemCommand}s, under client ids
 * reserved for the runtime, open a session (its id is where the open applied:
 * {@code index << 16 | position}, never reused), renew sessions in batches, close one, configure
 * the rules, and carry a leader's time when nothing else is written. Every replica applies them
 * in log order to its {@link io.synod.runtime.session.SessionTable}, so every table is the same,
 * byte for byte.
 *
 * <p><b>Log time and expiry.</b> Each batch carries its leader's wall-clock stamp; log time is the
 * maximum so far. A command or renewal makes its session active at the entry's log time; after
 * each entry, every session with {@code lastActive + timeout < logTime} expires, in
 * (deadline, id) order, and the state machine hears it. The first entry of a new term gives every
 * session grace (its activity counts from there), since no client could renew without a leader.
 *
 * <p><b>Rules.</b> {@link io.synod.runtime.session.SessionConfig} — results kept per session and
 * the default, minimum and maximum timeout — is replicated: the first leader proposes its own if
 * none was ever applied, and a change is a logged command. A requested timeout is bounded by it
 * (ZooKeeper's negotiation).
 *
 * <p><b>Memory.</b> Each command carries the client's acknowledged number: results at or below it
 * are dropped, the window caps the rest, an idle session holds no result ring at all, and a
 * snapshot holds only what is live (unacknowledged results, commands a FIFO session holds back).
 *
 * <p><b>FIFO.</b> A session opened FIFO applies its commands in sequence order from 1: a command
 * above the next number waits in the table (replicated) until the gap before it fills.
 *
 * <p><b>Keep-alives.</b> {@link io.synod.runtime.session.SessionUpkeep}, one per replica, turns
 * {@code touch(session)} calls into one renewal command per tick, renewing each session at most
 * every third of its timeout, and, while its replica leads, proposes time entries and the initial
 * rules. The runtime and the simulator both use it.
 *
 * <pre>{@code
 * SessionTable table = replicatedState.sessions();            // read between entries, on the replica thread
 * long id = SessionTable.idAt(index, position);               // where an open applied
 * boolean open = table.contains(id);
 * long expiresAt = table.deadline(id);                        // in log time
 * Command renew = new SystemCommand.Renew(new long[] {id}).toCommand(upkeep.nonce());
 * }</pre>
 */
package io.synod.runtime.session;
