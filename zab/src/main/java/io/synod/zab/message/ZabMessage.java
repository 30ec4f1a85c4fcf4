package io.synod.zab.message;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;

import java.util.List;

/**
 * The messages of ZAB, named as in ZooKeeper's sources where ZooKeeper has the message.
 *
 * <p>ZooKeeper runs the learner protocol over one TCP connection per learner and relies on its
 * order; here any message may be lost, duplicated or reordered. Two fields make that safe: every
 * message of the leader carries its {@code epoch}, and a learner's connection to a leader is a
 * <em>session</em> — a number the learner draws when it starts following and that the leader
 * echoes — so that answers from an earlier incarnation of the learner are never counted for a
 * later one.
 *
 * <p>Phases, in the order of the DSN 2011 paper: election ({@link Notification}), discovery
 * ({@link FollowerInfo}, {@link LeaderInfo}, {@link AckEpoch}), synchronisation
 * ({@link NewLeader}, which carries the DIFF, TRUNC or SNAP, {@link AckNewLeader},
 * {@link UpToDate}) and broadcast ({@link Proposal}, {@link Ack}, {@link Commit},
 * {@link Inform}, {@link Ping}, {@link PingReply}); and the client side ({@link Request},
 * {@link SyncRequest}, {@link SyncReply}).
 */
public sealed interface ZabMessage extends Message {

    // ---- election ----

    /**
     * A fast-leader-election vote: {@code leader} is who the sender backs, {@code zxid} and
     * {@code peerEpoch} that leader's last zxid and current epoch; {@code round} is the sender's
     * election round (ZooKeeper's logical clock) and {@code state} what the sender is doing.
     */
    record Notification(int leader, Zxid zxid, long peerEpoch, long round, PeerState state) implements ZabMessage {
    }

    // ---- discovery ----

    /** A learner asks to follow (or, not {@code voting}, to observe): its accepted epoch and history end. */
    record FollowerInfo(long session, long acceptedEpoch, Zxid lastZxid, boolean voting) implements ZabMessage {
    }

    /** The leader's proposed new epoch. */
    record LeaderInfo(long session, long epoch) implements ZabMessage {
    }

    /**
     * A learner accepted {@code epoch} (durably, before this left) and describes its history: its
     * current epoch, its last zxid, and where each epoch in its log begins, from {@code base} (the
     * entry its snapshot ends with, or {@link Zxid#ZERO}) up — enough for the leader to find where
     * the two logs part.
     */
    record AckEpoch(long session, long epoch, long currentEpoch, Zxid lastZxid, Zxid base, List<EpochStart> starts)
        implements ZabMessage {
        public AckEpoch {
            starts = List.copyOf(starts);
        }
    }

    /** The first index an epoch occupies in a log. */
    record EpochStart(long epoch, long firstIndex) {
    }

    // ---- synchronisation ----

    /**
     * Synchronisation and NEWLEADER in one message: with {@code snapshot} present (SNAP), the
     * leader's snapshot through that point is streamed to the learner by the driver, and the
     * learner goes on only once it is installed; then drop the log above {@code truncateAfter} if
     * it is not negative (TRUNC), then append {@code entries} (DIFF). The result is the leader's
     * initial history, and {@code commitIndex} of it is already committed. The learner
     * acknowledges once that history, and then its current epoch, are durable.
     */
    record NewLeader(long session, long epoch, SnapshotMeta snapshot, long truncateAfter, List<LogEntry> entries,
                     long commitIndex) implements ZabMessage {
        public NewLeader {
            entries = List.copyOf(entries);
        }
    }

    /** The learner holds the new leader's history through {@code lastIndex} and took its epoch as current. */
    record AckNewLeader(long session, long epoch, long lastIndex) implements ZabMessage {
    }

    /** A quorum acknowledged NEWLEADER: the epoch is established and the learner may serve. */
    record UpToDate(long epoch, long commitIndex) implements ZabMessage {
    }

    // ---- broadcast ----

    /** Proposals of {@code epoch}, contiguous in the log, and the leader's commit index. */
    record Proposal(long epoch, List<LogEntry> entries, long commitIndex) implements ZabMessage {
        public Proposal {
            entries = List.copyOf(entries);
        }
    }

    /** The learner's log through {@code lastIndex} matches the leader's and is durable. */
    record Ack(long session, long epoch, long lastIndex) implements ZabMessage {
    }

    /** Everything through {@code commitIndex} is committed. */
    record Commit(long epoch, long commitIndex) implements ZabMessage {
    }

    /** Committed proposals for an observer, contiguous, and the commit index. */
    record Inform(long epoch, List<LogEntry> entries, long commitIndex) implements ZabMessage {
        public Inform {
            entries = List.copyOf(entries);
        }
    }

    /** The leader's heartbeat; {@code round} numbers it so that a read can wait for answers to a later one. */
    record Ping(long epoch, long commitIndex, long round) implements ZabMessage {
    }

    /** A learner still follows the leader of {@code epoch}; its log ends at {@code lastIndex}. */
    record PingReply(long session, long epoch, long round, long lastIndex) implements ZabMessage {
    }

    // ---- clients ----

    /** A write forwarded by a learner to its leader (ZooKeeper's REQUEST). */
    record Request(Command command) implements ZabMessage {
    }

    /** A learner asks the leader for a linearizable read index. */
    record SyncRequest(long readId) implements ZabMessage {
    }

    /** The read index the leader confirmed, or {@link #REFUSED}. */
    record SyncReply(long readId, long index) implements ZabMessage {
        /** The leader could not confirm a read index. */
        public static final long REFUSED = -1;
    }
}
