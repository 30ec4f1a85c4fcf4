package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;

import java.util.List;

/**
 * The messages of Multi-Paxos. Ballots travel packed ({@link io.synod.protocol.Ballot#pack()}).
 *
 * <ul>
 *   <li>{@link Prepare} / {@link Promise}: phase 1, once per leadership, for every slot from
 *       {@code fromSlot} on.</li>
 *   <li>{@link Accept} / {@link Accepted}: phase 2 for a run of slots; an Accept without entries
 *       is the heartbeat that carries the commit index and confirms leadership for reads.</li>
 *   <li>{@link Reject}: an acceptor has promised a higher ballot.</li>
 *   <li>{@link ForwardCommand}: a follower hands a client command to the leader.</li>
 *   <li>{@link ReadIndexRequest} / {@link ReadIndexReply}: a follower asks the leader for a read
 *       index, so that it can serve a linearizable read once it has applied that far.</li>
 * </ul>
 */
public sealed interface MultiPaxosMessage extends Message {

    /**
     * Phase 1a: a candidate asks for a promise covering every slot from {@code fromSlot} on.
     *
     * @param ballot   the candidate's ballot
     * @param fromSlot the first slot the candidate does not know to be chosen
     */
    record Prepare(long ballot, long fromSlot) implements MultiPaxosMessage {
        public Prepare {
            requireSlot(fromSlot, "fromSlot");
        }
    }

    /**
     * Phase 1b: the acceptor promised {@code ballot} and reports what it accepted from
     * {@code fromSlot} on. If it has folded slots at or above {@code fromSlot} into a snapshot,
     * it names where the snapshot ends and asks its driver to stream it to the candidate: those
     * slots are chosen, and the candidate must install it before it can lead.
     *
     * @param accepted the acceptor's log entries (slot, ballot accepted, value), contiguous
     * @param snapshot where the acceptor's snapshot ends when it covers slots at or above
     *                 {@code fromSlot}, else null
     */
    record Promise(long ballot, long fromSlot, List<LogEntry> accepted, SnapshotMeta snapshot) implements MultiPaxosMessage {
        public Promise {
            requireSlot(fromSlot, "fromSlot");
            accepted = List.copyOf(accepted);
            for (int i = 1; i < accepted.size(); i++) {
                if (accepted.get(i).index() != accepted.get(i - 1).index() + 1) {
                    throw new IllegalArgumentException("promise entries are not contiguous at " + accepted.get(i).index());
                }
            }
        }
    }

    /**
     * Phase 2a for the slots {@code fromSlot, fromSlot + 1, …}: accept each entry at {@code ballot}.
     *
     * @param horizon      the highest slot the leader re-proposed after its phase 1; an acceptor
     *                     may drop older-ballot entries above it (nothing there was chosen)
     * @param entries      the values, with index = slot and term = ballot
     * @param leaderCommit the leader's commit index
     * @param round        the leader's heartbeat round, echoed for ReadIndex and leases
     */
    record Accept(long ballot, long horizon, long fromSlot, List<LogEntry> entries, long leaderCommit, long round)
        implements MultiPaxosMessage {
        public Accept {
            requireSlot(fromSlot, "fromSlot");
            entries = List.copyOf(entries);
            for (int i = 0; i < entries.size(); i++) {
                LogEntry e = entries.get(i);
                if (e.index() != fromSlot + i || e.term() != ballot) {
                    throw new IllegalArgumentException("accept entry " + e + " is not slot " + (fromSlot + i) + " at ballot " + ballot);
                }
            }
        }
    }

    /**
     * Phase 2b: the acceptor holds the leader's value at every slot up to {@code match}
     * (accepted at {@code ballot}, or already known chosen).
     *
     * @param success false when the Accept was refused because it did not continue the run of
     *                slots the acceptor holds; the leader resends from {@code match + 1}
     */
    record Accepted(long ballot, long round, long match, boolean success) implements MultiPaxosMessage {
    }

    /** An acceptor refused {@code ballot} because it promised {@code promised}. */
    record Reject(long ballot, long promised) implements MultiPaxosMessage {
    }

    /** A follower hands a client's command to the node it believes leads. */
    record ForwardCommand(Command command) implements MultiPaxosMessage {
        public ForwardCommand {
            if (command == null) {
                throw new IllegalArgumentException("command must not be null");
            }
        }
    }

    /** A follower's linearizable read, handed to the leader to confirm; {@code readId} is the follower's. */
    record ReadIndexRequest(long readId) implements MultiPaxosMessage {
    }

    /**
     * The leader's answer to a {@link ReadIndexRequest}: the read may be served once the asker has
     * applied {@code index}; a negative index means the asked node could not confirm it (it does
     * not lead), and the read is to be retried.
     */
    record ReadIndexReply(long readId, long index) implements MultiPaxosMessage {
        /** The index of a refusal. */
        public static final long REFUSED = -1;
    }

    private static void requireSlot(long slot, String name) {
        if (slot < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + slot);
        }
    }
}
