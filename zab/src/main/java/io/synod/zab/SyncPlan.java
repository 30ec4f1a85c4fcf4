package io.synod.zab;

import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.EpochStart;

import java.util.List;

/**
 * How a leader brings one learner's history in line with its own (ZooKeeper's
 * {@code LearnerHandler.syncFollower}): DIFF, TRUNC then DIFF, or SNAP.
 *
 * <p>The two logs agree up to the highest index at which both hold an entry of the same epoch:
 * one epoch has one leader, which writes each index once, and a learner takes that leader's
 * entries only in order on top of a history synchronised to it — so an entry's (epoch, index)
 * names the entry and everything before it. ZooKeeper finds the same point by comparing zxids;
 * here the learner's ACKEPOCH lists where each epoch of its log begins, and the leader scans
 * those ranges from the top for the first index whose epoch matches its own.
 *
 * @param agreeThrough  the last index both logs agree on
 * @param snap          true when that point lies below the leader's retained log: send the snapshot
 * @param truncate      true when the learner holds entries above {@code agreeThrough} (TRUNC)
 */
record SyncPlan(long agreeThrough, boolean snap, boolean truncate) {

    static SyncPlan of(AckEpoch learner, ZabLog log) {
        long last = learner.lastZxid().index();
        long agree = agreement(learner, log);
        if (agree < 0 || agree < log.baseIndex()) {
            // The snapshot replaces what the learner holds through its end; whatever it holds above
            // may be of another history (the driver keeps those entries), so it goes too.
            return new SyncPlan(log.baseIndex(), true, true);
        }
        return new SyncPlan(agree, false, last > agree);
    }

    /** The last index at which both logs hold an entry of the same epoch, or -1 if none is known. */
    static long agreement(AckEpoch learner, ZabLog log) {
        List<EpochStart> starts = learner.starts();
        long upper = learner.lastZxid().index();
        for (int k = starts.size() - 1; k >= 0; k--) {
            EpochStart s = starts.get(k);
            long found = highestWithEpoch(log, s.epoch(), s.firstIndex(), upper);
            if (found >= 0) {
                return found;
            }
            upper = s.firstIndex() - 1;
        }
        long base = learner.base().index();
        return log.epochAt(base) == learner.base().epoch() ? base : -1;
    }

    /** The highest index in {@code [from, to]} where the leader's log holds an entry of {@code epoch}, or -1. */
    private static long highestWithEpoch(ZabLog log, long epoch, long from, long to) {
        long lo = Math.max(from, log.baseIndex());
        long hi = Math.min(to, log.lastIndex());
        if (hi < lo) {
            return -1;
        }
        // Epochs never go down along a log: find the last index whose epoch is not above it.
        long found = lo - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (log.epochAt(mid) <= epoch) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= Math.max(from, log.baseIndex()) && log.epochAt(found) == epoch ? found : -1;
    }
}
