package io.synod.zab;

import io.synod.api.ClientReply;
import io.synod.zab.message.ZabMessage.SyncReply;

import java.util.ArrayDeque;

/**
 * Linearizable reads on the leader, ReadIndex-style (Raft thesis §6.4), which is what ZooKeeper's
 * {@code sync} does not promise: a read takes the leader's commit index when it arrives, and is
 * answered only after a quorum answered a ping sent after that — proof that no other leader had
 * established a newer epoch when the read began (a follower that accepted a newer epoch no longer
 * answers this leader's pings). A paused, deposed leader therefore never answers a read: the pings
 * it sends after resuming find no quorum.
 *
 * <p>The commit index covers the leader's whole initial history (reads are taken only once the
 * epoch is established), so it covers every write acknowledged before the read began.
 */
final class ReadConfirmation {

    private record Pending(long readId, int origin, long index, long round) {
    }

    private final ZabNode node;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long round;

    ReadConfirmation(ZabNode node) {
        this.node = node;
    }

    /** The round of the next ping. */
    long nextRound() {
        return ++round;
    }

    /**
     * A read from {@code origin} (this node or a learner) at the current commit index.
     *
     * @return true when a confirmation ping must go out
     */
    void read(int origin, long readId) {
        pending.addLast(new Pending(readId, origin, node.commitIndex, node.flaw == Flaw.READ_WITHOUT_CONFIRMATION ? 0 : round + 1));
    }

    boolean waiting() {
        return !pending.isEmpty();
    }

    /** A quorum answered every ping up to {@code confirmedRound}. */
    void confirmed(long confirmedRound) {
        while (!pending.isEmpty() && pending.peekFirst().round() <= confirmedRound) {
            Pending p = pending.pollFirst();
            answer(p, p.index());
        }
    }

    /** Leadership ended: no pending read can be confirmed here. */
    void refuseAll() {
        while (!pending.isEmpty()) {
            answer(pending.pollFirst(), SyncReply.REFUSED);
        }
    }

    private void answer(Pending p, long index) {
        if (p.origin() == node.self) {
            node.effects.reply(index == SyncReply.REFUSED
                ? new ClientReply.ReadRejected(p.readId(), ClientReply.Reason.NOT_LEADER, node.leader)
                : new ClientReply.ReadReady(p.readId(), index));
        } else {
            node.send(p.origin(), new SyncReply(p.readId(), index));
        }
    }
}
