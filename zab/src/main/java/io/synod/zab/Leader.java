package io.synod.zab;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.LogEntry;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.FollowerInfo;
import io.synod.zab.message.ZabMessage.LeaderInfo;
import io.synod.zab.message.ZabMessage.PingReply;
import io.synod.zab.message.Zxid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's side of ZAB's three phases after the election (ZooKeeper's {@code Leader} and its
 * {@code LearnerHandler}s):
 *
 * <ol>
 *   <li><b>Discovery.</b> Once a quorum (itself included) sent FOLLOWERINFO, the new epoch is one
 *       above every accepted epoch among them; it is stored as accepted, then LEADERINFO goes out.
 *       A learner that reports a newer history than the leader's in its ACKEPOCH ends the epoch:
 *       the election chose wrongly.</li>
 *   <li><b>Synchronisation.</b> Once a quorum acknowledged the epoch, the leader stores it as
 *       current and sends each learner its NEWLEADER ({@link SyncPlan}); the history is committed
 *       when a quorum acknowledged NEWLEADER, and only then does broadcast begin (UPTODATE).</li>
 *   <li><b>Broadcast.</b> Client commands are cut into entries of up to {@code maxBatch}; each
 *       goes to the followers as an early PROPOSAL, before the leader's own fsync; an entry is
 *       committed when a quorum — the leader counting itself once its batch is durable — ACKed
 *       it. Observers get committed entries (INFORM). Lost messages are made good by going back
 *       to a learner's last ACK when it stops advancing.</li>
 * </ol>
 *
 * A leader that has not established its epoch within {@code initLimit} ticks, or that has not
 * heard from a quorum within {@code syncLimit} ticks since, steps down; so does one whose zxid
 * counter would overflow (ZOOKEEPER-1277), which forces a new epoch.
 *
 * <p>This class decides the phases; what each learner is sent, and when, is {@link LearnerHandler}'s,
 * and the learners and the quorums counted among them are {@link Learners}'.
 */
final class Leader {

    enum Phase { DISCOVERY, EPOCH_PROPOSED, SYNCING, BROADCAST }

    private final ZabNode node;
    private final ReadConfirmation reads;
    private final Learners learners;
    private final LearnerHandler handler;
    private final ArrayDeque<Command> pending = new ArrayDeque<>();
    private Phase phase;
    private long epoch;
    private long historyEnd;
    private int ticksInPhase;
    private boolean selfEpochAcked;
    private boolean selfSynced;
    private long selfDurable;
    private boolean active;
    private String stepDownReason;

    Leader(ZabNode node, ReadConfirmation reads) {
        this.node = node;
        this.reads = reads;
        this.learners = new Learners(node);
        this.handler = new LearnerHandler(node, () -> epoch);
    }

    boolean isActive() {
        return active;
    }

    boolean established() {
        return active && phase == Phase.BROADCAST;
    }

    long epoch() {
        return epoch;
    }

    Phase phase() {
        return phase;
    }

    /** The reason this leader gave up, once, for the core to act on; null while it leads. */
    String takeStepDown() {
        String why = stepDownReason;
        stepDownReason = null;
        return why;
    }

    private void stepDown(String why) {
        if (stepDownReason == null) {
            stepDownReason = why;
        }
    }

    /** Starts leading: discovery, with only itself known. */
    void start() {
        active = true;
        phase = Phase.DISCOVERY;
        learners.clear();
        epoch = 0;
        ticksInPhase = 0;
        selfEpochAcked = false;
        selfSynced = false;
        selfDurable = node.log.lastIndex();
        stepDownReason = null;
        tryProposeEpoch();
    }

    /** Leadership ended: commands not yet in the log go back to their clients. */
    void stop() {
        active = false;
        learners.clear();
        for (Command c : pending) {
            node.reject(c);
        }
        pending.clear();
    }

    void propose(Command command) {
        pending.addLast(command);
    }

    // ---- discovery ----

    void onFollowerInfo(int from, FollowerInfo info) {
        LearnerProgress known = learners.get(from);
        if (known != null && known.session == info.session()) {
            if (known.phase == LearnerProgress.Phase.INFO && phase != Phase.DISCOVERY) {
                node.send(from, new LeaderInfo(info.session(), epoch));
            }
            return;
        }
        boolean voting = info.voting() && node.quorum.isMember(from);
        LearnerProgress p = new LearnerProgress(from, info.session(), voting, info.acceptedEpoch());
        learners.put(p);
        if (phase == Phase.DISCOVERY) {
            tryProposeEpoch();
        } else {
            node.send(from, new LeaderInfo(info.session(), epoch));
        }
    }

    private void tryProposeEpoch() {
        long highest = node.acceptedEpoch();
        for (LearnerProgress p : learners) {
            if (p.voting) {
                highest = Math.max(highest, p.acceptedEpoch);
            }
        }
        if (!learners.isPhase1Quorum(node.votes(), p -> true)) {
            return;
        }
        if (highest + 1 > 0xFFFF_FFFFL) {
            throw new IllegalStateException("epoch space exhausted at node " + node.self);
        }
        epoch = highest + 1;
        phase = Phase.EPOCH_PROPOSED;
        ticksInPhase = 0;
        node.acceptEpoch(epoch);
        node.afterDurable(() -> {
            if (active && phase == Phase.EPOCH_PROPOSED && node.acceptedEpoch() == epoch) {
                selfEpochAcked = true;
                tryStartSync();
            }
        });
        for (LearnerProgress p : learners) {
            node.send(p.id, new LeaderInfo(p.session, epoch));
        }
    }

    void onAckEpoch(int from, AckEpoch ack) {
        LearnerProgress p = learners.get(from);
        if (p == null || p.session != ack.session() || ack.epoch() != epoch || phase == Phase.DISCOVERY) {
            return;
        }
        p.silentTicks = 0;
        if (p.voting && node.ownVote().isBehind(ack.currentEpoch(), ack.lastZxid(), node.flaw)) {
            stepDown("node " + from + " holds a newer history (" + ack.currentEpoch() + ", " + ack.lastZxid()
                + ") than leader " + node.self + " (" + node.currentEpoch() + ", " + node.log.lastZxid() + ")");
            return;
        }
        if (p.phase == LearnerProgress.Phase.INFO) {
            p.phase = LearnerProgress.Phase.EPOCH_ACKED;
            p.ackEpoch = ack;
            if (phase == Phase.EPOCH_PROPOSED) {
                tryStartSync();
            } else {
                handler.sendNewLeader(p);
            }
        } else if (p.phase == LearnerProgress.Phase.SYNCING && phase != Phase.EPOCH_PROPOSED) {
            handler.sendNewLeader(p); // our NEWLEADER was lost: the learner asks again
        }
    }

    private void tryStartSync() {
        if (!selfEpochAcked && node.votes()) {
            return;
        }
        if (!learners.isPhase1Quorum(selfEpochAcked, p -> p.phase != LearnerProgress.Phase.INFO)) {
            return;
        }
        phase = Phase.SYNCING;
        ticksInPhase = 0;
        historyEnd = node.log.lastIndex();
        node.setCurrentEpoch(epoch);
        node.afterDurable(() -> {
            if (active && phase == Phase.SYNCING && node.currentEpoch() == epoch) {
                selfSynced = true;
                tryEstablish();
            }
        });
        for (LearnerProgress p : learners) {
            if (p.phase == LearnerProgress.Phase.EPOCH_ACKED) {
                handler.sendNewLeader(p);
            }
        }
        if (node.flaw == Flaw.BROADCAST_BEFORE_NEWLEADER_QUORUM) {
            establish();
        }
    }

    // ---- synchronisation ----

    void onAckNewLeader(int from, AckNewLeader ack) {
        LearnerProgress p = learners.get(from);
        if (p == null || p.session != ack.session() || ack.epoch() != epoch) {
            return;
        }
        p.silentTicks = 0;
        if (p.phase == LearnerProgress.Phase.SYNCING) {
            p.phase = LearnerProgress.Phase.SYNCED;
            p.ackedIndex = Math.max(p.ackedIndex, ack.lastIndex());
            if (phase == Phase.BROADCAST) {
                handler.sendUpToDate(p);
                handler.sendNew(p);
            } else {
                tryEstablish();
            }
        } else if (p.phase == LearnerProgress.Phase.SYNCED && phase == Phase.BROADCAST) {
            handler.sendUpToDate(p);
        }
    }

    private void tryEstablish() {
        if (phase != Phase.SYNCING) {
            return;
        }
        if (learners.isPhase2Quorum(selfSynced, p -> p.phase == LearnerProgress.Phase.SYNCED && p.ackedIndex >= historyEnd)) {
            establish();
        }
    }

    /** A quorum holds the history: it is committed, and broadcast may begin. */
    private void establish() {
        phase = Phase.BROADCAST;
        ticksInPhase = 0;
        node.commitTo(historyEnd);
        for (LearnerProgress p : learners) {
            if (p.phase == LearnerProgress.Phase.SYNCED) {
                handler.sendUpToDate(p);
            }
        }
        // New proposals are cut from the next input on: the history is delivered first (primary integrity).
    }

    // ---- broadcast ----

    /** Cuts pending commands into entries and sends what learners have not had yet. */
    void flush() {
        if (!established()) {
            return;
        }
        boolean cut = false;
        while (!pending.isEmpty() && node.log.lastIndex() - node.commitIndex < node.config.maxInflight()) {
            long index = node.log.lastIndex() + 1;
            if (index - historyEnd > node.config.maxCounter()) {
                stepDown("the zxid counter of epoch " + epoch + " is exhausted at index " + index + ": a new epoch must begin");
                return;
            }
            List<Command> batch = new ArrayList<>();
            while (!pending.isEmpty() && batch.size() < node.config.maxBatch()) {
                batch.add(pending.pollFirst());
            }
            node.log.append(new LogEntry(index, epoch, CommandBatch.encode(node.wallClock.currentTimeMillis(), epoch, batch)));
            cut = true;
        }
        if (cut) {
            for (LearnerProgress p : learners) {
                handler.sendNew(p);
            }
            long through = node.log.lastIndex();
            node.afterDurable(() -> selfDurable(through));
        }
    }

    private void selfDurable(long through) {
        if (!active || through <= selfDurable) {
            return;
        }
        selfDurable = through;
        advanceCommit();
    }

    void onAck(int from, Ack ack) {
        LearnerProgress p = learners.get(from);
        if (p == null || p.session != ack.session() || ack.epoch() != epoch || p.phase != LearnerProgress.Phase.SYNCED) {
            return;
        }
        p.silentTicks = 0;
        if (ack.lastIndex() > p.ackedIndex) {
            p.ackedIndex = Math.min(ack.lastIndex(), node.log.lastIndex());
            if (phase == Phase.SYNCING) {
                tryEstablish();
            } else if (p.voting) {
                advanceCommit();
                // Committed without this learner (a quorum formed first): the COMMIT it got then
                // stopped at what it held, so tell it now rather than at the next ping, a tick later.
                if (phase == Phase.BROADCAST) {
                    handler.sendCommit(p);
                }
            }
        }
        if (phase == Phase.BROADCAST) {
            handler.sendNew(p);
        }
    }

    void onPingReply(int from, PingReply reply) {
        LearnerProgress p = learners.get(from);
        if (p == null || p.session != reply.session() || reply.epoch() != epoch) {
            return;
        }
        p.silentTicks = 0;
        if (p.voting && p.phase == LearnerProgress.Phase.SYNCED && reply.round() > p.round) {
            p.round = reply.round();
            reads.confirmed(learners.confirmedRound());
        }
    }

    /** Commits the highest index a quorum holds durably. */
    private void advanceCommit() {
        if (phase != Phase.BROADCAST) {
            return;
        }
        long target = node.flaw == Flaw.COMMIT_WITHOUT_QUORUM
            ? Math.max(node.commitIndex, selfDurable)
            : learners.quorumDurable(node.commitIndex, selfDurable);
        if (target > node.commitIndex) {
            node.commitTo(target);
            for (LearnerProgress p : learners) {
                if (p.voting && p.phase == LearnerProgress.Phase.SYNCED) {
                    handler.sendCommit(p); // advanceCommit runs in broadcast only
                } else {
                    handler.sendNew(p);
                }
            }
        }
    }

    // ---- time ----

    void tick() {
        ticksInPhase++;
        if (phase != Phase.BROADCAST) {
            if (ticksInPhase > node.config.initLimit()) {
                stepDown("epoch not established within initLimit (" + node.config.initLimit() + " ticks) in phase " + phase);
            }
            for (LearnerProgress p : learners) {
                handler.retrySync(p);
            }
            return;
        }
        long round = reads.nextRound();
        for (LearnerProgress p : learners) {
            p.silentTicks++;
            handler.tick(p, round);
        }
        if (!learners.isPhase2Quorum(true, p -> p.silentTicks <= node.config.syncLimit())) {
            stepDown("leader " + node.self + " lost touch with a quorum for syncLimit (" + node.config.syncLimit() + " ticks)");
        }
    }

    /** A confirmation round for reads: pings every synced voter now, without waiting for the tick. */
    void pingForReads() {
        if (!established()) {
            return;
        }
        long round = reads.nextRound();
        for (LearnerProgress p : learners) {
            if (p.voting && p.phase == LearnerProgress.Phase.SYNCED) {
                handler.ping(p, round);
            }
        }
        reads.confirmed(learners.confirmedRound());
    }

    /** For status: the leader as a learner would see it. */
    int leaderId() {
        return active ? node.self : CoreStatus.NO_LEADER;
    }

    /** Where the history of this epoch ends: the first proposal of the epoch follows it. */
    long historyEnd() {
        return historyEnd;
    }

    Zxid lastZxid() {
        return node.log.lastZxid();
    }
}
