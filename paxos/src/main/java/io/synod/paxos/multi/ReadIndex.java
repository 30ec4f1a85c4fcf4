package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.quorum.VoteTracker;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Linearizable reads at the leader without writing to the log (the ReadIndex of the Raft thesis,
 * §6.4). A read records the commit index, then waits until a phase-2 quorum has answered a
 * heartbeat round started after the read arrived: no higher ballot can have been chosen by then
 * without this leader hearing of it, so every write acknowledged before the read lies at or below
 * the recorded index. Reads wait, too, until the leader has committed every slot it re-proposed
 * after its election, because only then does its commit index cover all earlier writes.
 *
 * <p>With leases on, a quorum-acknowledged round also extends the lease to its send tick plus
 * {@code leaseTicks}; while the lease holds, reads are answered at once (see {@link MultiPaxos}
 * for the clock assumption).
 */
final class ReadIndex {

    /** A read waiting for confirmation; {@code origin} is the node whose client asked. */
    private record PendingRead(int origin, long readId, long index, long round) {
    }

    /** A read waiting for the leader's own slots to commit. */
    private record UnreadyRead(int origin, long readId) {
    }

    private final PaxosNode node;
    private final VoteTracker tracker;
    private final Map<Integer, Long> acked = new HashMap<>();
    private final ArrayDeque<long[]> roundsSent = new ArrayDeque<>();
    private final ArrayDeque<UnreadyRead> unready = new ArrayDeque<>();
    private final ArrayDeque<PendingRead> confirming = new ArrayDeque<>();
    private long now;
    private long round;
    private long confirmedRound;
    private long leaseUntil = -1;
    private long readyAt = Long.MAX_VALUE;
    private boolean roundWanted;
    private long leaseReads;

    ReadIndex(PaxosNode node) {
        this.node = node;
        this.tracker = node.quorum.newTracker();
    }

    void tick() {
        now++;
    }

    /** This node leads now; it may serve reads once its commit index reaches {@code horizon}. */
    void onLeader(long horizon) {
        acked.clear();
        roundsSent.clear();
        confirmedRound = round;
        leaseUntil = -1;
        readyAt = node.config.flaw() == Flaw.READ_BEFORE_RECOVERY ? 0 : horizon;
    }

    /** Reads this node has answered from its lease, without a round, since it started; for tests and operators. */
    long leaseReads() {
        return leaseReads;
    }

    /** True while this leader's lease holds (reads need no round). */
    boolean leaseHeld() {
        return now < leaseUntil;
    }

    /** The round every Accept of this leader carries now. */
    long round() {
        return round;
    }

    /** True when reads wait for a heartbeat round that has not been sent. */
    boolean roundWanted() {
        return roundWanted;
    }

    /** Starts a heartbeat round; returns its number for the Accepts that carry it. */
    long startRound() {
        round++;
        roundWanted = false;
        roundsSent.addLast(new long[] {round, now});
        acked.put(node.self, round);
        confirm();
        return round;
    }

    /** A read from a client of {@code origin} (this node, or a follower that forwarded it). */
    void read(int origin, long readId) {
        if (node.learner.chosenIndex() < readyAt) {
            unready.addLast(new UnreadyRead(origin, readId));
            return;
        }
        serve(origin, readId);
    }

    private void serve(int origin, long readId) {
        long index = node.learner.chosenIndex();
        if (now < leaseUntil) {
            leaseReads++;
            answer(origin, readId, index);
            return;
        }
        confirming.addLast(new PendingRead(origin, readId, index, round + 1));
        roundWanted = true;
    }

    /** The leader's reply to a read this follower forwarded. */
    void onReply(MultiPaxosMessage.ReadIndexReply reply) {
        if (reply.index() >= 0) {
            node.effects.reply(new ClientReply.ReadReady(reply.readId(), reply.index()));
        } else {
            node.effects.reply(new ClientReply.ReadRejected(reply.readId(), ClientReply.Reason.NOT_LEADER, node.leader));
        }
    }

    private void answer(int origin, long readId, long index) {
        if (origin == node.self) {
            node.effects.reply(new ClientReply.ReadReady(readId, index));
        } else {
            node.effects.send(origin, new MultiPaxosMessage.ReadIndexReply(readId, index));
        }
    }

    private void refuse(int origin, long readId, int leaderHint) {
        if (origin == node.self) {
            node.effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, leaderHint));
        } else {
            node.effects.send(origin, new MultiPaxosMessage.ReadIndexReply(readId, MultiPaxosMessage.ReadIndexReply.REFUSED));
        }
    }

    /** The commit index moved: reads that waited for the leader's own slots may proceed. */
    void onCommit() {
        if (node.learner.chosenIndex() >= readyAt) {
            while (!unready.isEmpty()) {
                UnreadyRead r = unready.pollFirst();
                serve(r.origin(), r.readId());
            }
        }
    }

    /** {@code from} answered an Accept of round {@code ackRound} at this leader's ballot. */
    void onAck(int from, long ackRound) {
        if (ackRound > acked.getOrDefault(from, 0L)) {
            acked.put(from, ackRound);
            confirm();
        }
    }

    private void confirm() {
        while (!roundsSent.isEmpty()) {
            long[] oldest = roundsSent.peekFirst();
            tracker.reset();
            for (Map.Entry<Integer, Long> e : acked.entrySet()) {
                if (e.getValue() >= oldest[0]) {
                    tracker.record(e.getKey());
                }
            }
            if (!tracker.isPhase2Quorum()) {
                break;
            }
            roundsSent.pollFirst();
            confirmedRound = oldest[0];
            if (node.config.leaseTicks() > 0) {
                leaseUntil = Math.max(leaseUntil, oldest[1] + node.config.leaseTicks());
            }
        }
        while (!confirming.isEmpty() && confirming.peekFirst().round() <= confirmedRound) {
            PendingRead r = confirming.pollFirst();
            answer(r.origin(), r.readId(), r.index());
        }
    }

    /** Leadership ended: every waiting read is refused. */
    void stepDown(int leaderHint) {
        for (UnreadyRead r : unready) {
            refuse(r.origin(), r.readId(), leaderHint);
        }
        for (PendingRead r : confirming) {
            refuse(r.origin(), r.readId(), leaderHint);
        }
        unready.clear();
        confirming.clear();
        roundsSent.clear();
        roundWanted = false;
        leaseUntil = -1;
        readyAt = Long.MAX_VALUE;
    }
}
