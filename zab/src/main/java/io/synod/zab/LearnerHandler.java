package io.synod.zab;

import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.zab.message.ZabMessage;
import io.synod.zab.message.ZabMessage.Commit;
import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Ping;
import io.synod.zab.message.ZabMessage.Proposal;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the leader sends each learner, given how far it got ({@link LearnerProgress}): its
 * NEWLEADER (the {@link SyncPlan}, the snapshot streamed when the log no longer reaches back),
 * then the proposals (followers) or committed entries (observers) it has not been sent, the
 * COMMITs and UPTODATE it has not been told, and on each tick a ping and a go-back to its last
 * ACK when it stopped advancing. ZooKeeper's {@code LearnerHandler} does this with a thread and a
 * socket per learner; here it is one object that decides, for the {@link Leader} to call in the
 * order its phases require, so the leader keeps the phases and this keeps the per-learner flow.
 */
final class LearnerHandler {

    private final ZabNode node;
    private final LongSupplier epoch;

    /** {@code epoch} is the leader's: the epoch every message carries. */
    LearnerHandler(ZabNode node, LongSupplier epoch) {
        this.node = node;
        this.epoch = epoch;
    }

    /** Synchronises a learner that acknowledged the epoch: DIFF, TRUNC then DIFF, or SNAP. */
    void sendNewLeader(LearnerProgress p) {
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
        node.send(p.id, new NewLeader(p.session, epoch.getAsLong(), snapshot, truncateAfter, entries, commit));
    }

    /** Sends a learner what it has not been sent: proposals to followers, committed entries to non-voters. */
    void sendNew(LearnerProgress p) {
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
                node.effects.sendEarly(p.id, new Proposal(epoch.getAsLong(), entries, node.commitIndex));
            }
        } else if (p.sentIndex < node.commitIndex) {
            List<LogEntry> entries = node.log.entries(p.sentIndex + 1, node.commitIndex, node.config.maxInflight(),
                node.config.maxMessageBytes());
            if (!entries.isEmpty()) {
                p.sentIndex = entries.get(entries.size() - 1).index();
                node.send(p.id, new Inform(epoch.getAsLong(), entries, node.commitIndex));
            }
        }
    }

    /**
     * Tells a synced follower the commit index, as far as it holds the log, if that is more than it
     * was told: a follower that has not acknowledged the newly committed entries yet hears of them
     * once it does (in {@link Leader#onAck}), so every entry costs each follower one COMMIT. The
     * leader calls it only in broadcast.
     */
    void sendCommit(LearnerProgress p) {
        long told = Math.min(node.commitIndex, p.ackedIndex);
        if (p.voting && p.phase == LearnerProgress.Phase.SYNCED && told > p.commitSent) {
            p.commitSent = told;
            node.send(p.id, new Commit(epoch.getAsLong(), told));
        }
    }

    void sendUpToDate(LearnerProgress p) {
        long told = Math.min(node.commitIndex, p.ackedIndex);
        p.commitSent = Math.max(p.commitSent, told);
        node.send(p.id, new ZabMessage.UpToDate(epoch.getAsLong(), told));
    }

    /** A ping of confirmation round {@code round}, telling the commit index as far as it acknowledged the log. */
    void ping(LearnerProgress p, long round) {
        node.send(p.id, new Ping(epoch.getAsLong(), Math.min(node.commitIndex, Math.max(p.ackedIndex, 0)), round));
    }

    /** Before broadcast: NEWLEADER again to a learner that has not acknowledged it for two ticks. */
    void retrySync(LearnerProgress p) {
        if (p.phase == LearnerProgress.Phase.SYNCING && ++p.syncTicks > 2) {
            sendNewLeader(p);
        }
    }

    /**
     * In broadcast: NEWLEADER again as {@link #retrySync} does, or a synced learner's ping, and the
     * go-back to its last ACK when it stopped advancing (something was lost), then what it lacks.
     */
    void tick(LearnerProgress p, long round) {
        if (p.phase == LearnerProgress.Phase.SYNCING) {
            retrySync(p);
        } else if (p.phase == LearnerProgress.Phase.SYNCED) {
            ping(p, round);
            if (p.ackedIndex < p.sentIndex && p.ackedIndex == p.ackedAtLastTick) {
                p.sentIndex = Math.max(p.ackedIndex, node.log.baseIndex()); // go back: something was lost
                if (p.ackedIndex < node.log.baseIndex()) {
                    sendNewLeader(p);
                    return;
                }
            }
            p.ackedAtLastTick = p.ackedIndex;
            sendNew(p);
        }
    }
}
