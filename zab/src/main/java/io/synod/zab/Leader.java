package io.synod.zab;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.zab.message.ZabMessage;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.Commit;
import io.synod.zab.message.ZabMessage.FollowerInfo;
import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.LeaderInfo;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Ping;
import io.synod.zab.message.ZabMessage.PingReply;
import io.synod.zab.message.ZabMessage.Proposal;
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
 */
final class Leader {

    enum Phase { DISCOVERY, EPOCH_PROPOSED, SYNCING, BROADCAST }

    private final ZabNode node;
    private final ReadConfirmation reads;
    private final Learners learners;
    private final ArrayDeque<Command> pending = new ArrayDeque<>();
    private Phase phase;
    private long epoch;
    private long historyEnd;
    private int ticksInPhase;
    private boolean selfEpochAcked;
    private boolean selfSynced;
    private long selfDurable;
    private long lastCut;
    private boolean active;
    private String stepDownReason;

    Leader(ZabNode node, ReadConfirmation reads) {
        this.node = node;
        this.reads = reads;
        this.learners = new Learners(node);
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
        lastCut = node.log.lastIndex();
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
                sendNewLeader(p);
            }
        } else if (p.phase == LearnerProgress.Phase.SYNCING && phase != Phase.EPOCH_PROPOSED) {
            sendNewLeader(p); // our NEWLEADER was lost: the learner asks again
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
                sendNewLeader(p);
            }
        }
        if (node.flaw == Flaw.BROADCAST_BEFORE_NEWLEADER_QUORUM) {
            establish();
        }
    }

    // ---- synchronisation ----

    private void sendNewLeader(LearnerProgress p) {
        SyncPlan plan = SyncPlan.of(p.ackEpoch, node.log);
        SnapshotMeta snapshot = null;
        long from = plan.agreeThrough() + 1;
        if (plan.snap()) {
            snapshot = node.log.snapshot();
            from = node.log.baseIndex() + 1;
            node.effects.sendSnapshot(p.id); // the driver streams it; asking again while it runs does nothing
        }
        long truncateAfter = plan.truncate() && node.flaw != Flaw.SKIP_TRUNC ? plan.agreeThrough() : -1;
        List<LogEntry> entries = node.log.entries(from, node.log.lastIndex(), node.config.maxSyncEntries(),
            node.config.maxMessageBytes());
        p.sentIndex = entries.isEmpty() ? from - 1 : entries.get(entries.size() - 1).index();
        p.phase = LearnerProgress.Phase.SYNCING;
        p.syncTicks = 0;
        p.commitSent = -1; // its history is being replaced: what it was told before counts for nothing
        long commit = Math.min(node.commitIndex, p.sentIndex);
        node.send(p.id, new NewLeader(p.session, epoch, snapshot, truncateAfter, entries, commit));
    }

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
                sendUpToDate(p);
                sendNew(p);
            } else {
                tryEstablish();
            }
        } else if (p.phase == LearnerProgress.Phase.SYNCED && phase == Phase.BROADCAST) {
            sendUpToDate(p);
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
                sendUpToDate(p);
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
                sendNew(p);
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

    /** Sends a learner what it has not been sent: proposals to followers, committed entries to non-voters. */
    private void sendNew(LearnerProgress p) {
        if (p.phase != LearnerProgress.Phase.SYNCED && p.phase != LearnerProgress.Phase.SYNCING) {
            return;
        }
        long due = p.voting ? node.log.lastIndex() : node.commitIndex;
        if (p.sentIndex < due && p.sentIndex < node.log.baseIndex()) {
            // What it lacks next was compacted away (say between our NEWLEADER and its ACK), and it
            // has nothing outstanding that the go-back on tick would notice: only the snapshot helps.
            if (p.phase == LearnerProgress.Phase.SYNCED) {
                sendNewLeader(p);
            }
            return;
        }
        if (p.voting) {
            long limit = Math.max(p.ackedIndex, p.sentIndex - node.config.maxInflight()) + node.config.maxInflight();
            List<LogEntry> entries = node.log.entries(p.sentIndex + 1, Math.min(node.log.lastIndex(), limit),
                node.config.maxInflight(), node.config.maxMessageBytes());
            if (!entries.isEmpty()) {
                p.sentIndex = entries.get(entries.size() - 1).index();
                node.effects.sendEarly(p.id, new Proposal(epoch, entries, node.commitIndex));
            }
        } else if (p.sentIndex < node.commitIndex) {
            List<LogEntry> entries = node.log.entries(p.sentIndex + 1, node.commitIndex, node.config.maxInflight(),
                node.config.maxMessageBytes());
            if (!entries.isEmpty()) {
                p.sentIndex = entries.get(entries.size() - 1).index();
                node.send(p.id, new Inform(epoch, entries, node.commitIndex));
            }
        }
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
                sendCommit(p);
            }
        }
        if (phase == Phase.BROADCAST) {
            sendNew(p);
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
                    sendCommit(p);
                } else {
                    sendNew(p);
                }
            }
        }
    }

    /**
     * Tells a synced follower the commit index, as far as it holds the log, if that is more than it
     * was told: a follower that has not acknowledged the newly committed entries yet hears of them
     * once it does (in {@link #onAck}), so every entry costs each follower one COMMIT.
     */
    private void sendCommit(LearnerProgress p) {
        long told = Math.min(node.commitIndex, p.ackedIndex);
        if (phase == Phase.BROADCAST && p.voting && p.phase == LearnerProgress.Phase.SYNCED && told > p.commitSent) {
            p.commitSent = told;
            node.send(p.id, new Commit(epoch, told));
        }
    }

    private void sendUpToDate(LearnerProgress p) {
        long told = Math.min(node.commitIndex, p.ackedIndex);
        p.commitSent = Math.max(p.commitSent, told);
        node.send(p.id, new ZabMessage.UpToDate(epoch, told));
    }

    // ---- time ----

    void tick() {
        ticksInPhase++;
        if (phase != Phase.BROADCAST) {
            if (ticksInPhase > node.config.initLimit()) {
                stepDown("epoch not established within initLimit (" + node.config.initLimit() + " ticks) in phase " + phase);
            }
            for (LearnerProgress p : learners) {
                if (p.phase == LearnerProgress.Phase.SYNCING && ++p.syncTicks > 2) {
                    sendNewLeader(p);
                }
            }
            return;
        }
        long round = reads.nextRound();
        for (LearnerProgress p : learners) {
            p.silentTicks++;
            if (p.phase == LearnerProgress.Phase.SYNCING && ++p.syncTicks > 2) {
                sendNewLeader(p);
            } else if (p.phase == LearnerProgress.Phase.SYNCED) {
                node.send(p.id, new Ping(epoch, Math.min(node.commitIndex, Math.max(p.ackedIndex, 0)), round));
                if (p.ackedIndex < p.sentIndex && p.ackedIndex == p.ackedAtLastTick) {
                    p.sentIndex = Math.max(p.ackedIndex, node.log.baseIndex()); // go back: something was lost
                    if (p.ackedIndex < node.log.baseIndex()) {
                        sendNewLeader(p);
                        continue;
                    }
                }
                p.ackedAtLastTick = p.ackedIndex;
                sendNew(p);
            }
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
                node.send(p.id, new Ping(epoch, Math.min(node.commitIndex, Math.max(p.ackedIndex, 0)), round));
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
