package io.synod.zab;

import io.synod.zab.message.Zxid;

/**
 * A fast-leader-election vote: who should lead, with that peer's current epoch and last zxid.
 * Votes are ranked as ZooKeeper's {@code FastLeaderElection.totalOrderPredicate} ranks them: by
 * current epoch first, then by last zxid, then by server id. The epoch comes first because a peer
 * that acknowledged a newer leader's history (its current epoch) holds every transaction that
 * leader's epoch committed, while a peer with a longer history from an older epoch may hold
 * proposals that were never committed and have since been overwritten: the longest log is not
 * the newest.
 *
 * @param leader    the proposed leader
 * @param zxid      the proposed leader's last zxid
 * @param peerEpoch the proposed leader's current epoch
 */
record Vote(int leader, Zxid zxid, long peerEpoch) {

    /** True when this vote ranks above {@code other}. */
    boolean beats(Vote other, Flaw flaw) {
        if (flaw == Flaw.ELECT_BY_INDEX) {
            int byIndex = Long.compare(zxid.index(), other.zxid.index());
            return byIndex != 0 ? byIndex > 0 : leader > other.leader;
        }
        if (peerEpoch != other.peerEpoch) {
            return peerEpoch > other.peerEpoch;
        }
        int byZxid = zxid.compareTo(other.zxid);
        return byZxid != 0 ? byZxid > 0 : leader > other.leader;
    }

    /**
     * True when a peer reporting {@code (currentEpoch, last)} holds a newer history than this
     * vote's leader (ZooKeeper's leader abandons its epoch then: "Follower is ahead of the leader").
     */
    boolean isBehind(long currentEpoch, Zxid last, Flaw flaw) {
        if (flaw == Flaw.ELECT_BY_INDEX) {
            return last.index() > zxid.index();
        }
        return currentEpoch != peerEpoch ? currentEpoch > peerEpoch : last.compareTo(zxid) > 0;
    }
}
