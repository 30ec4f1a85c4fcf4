package io.synod.zab;

import io.synod.zab.message.ZabMessage.AckEpoch;

/**
 * What a leader knows of one learner in its epoch (ZooKeeper keeps this in a
 * {@code LearnerHandler} per connection): the learner's session, how far discovery and
 * synchronisation got, and for broadcast how far it was sent and acknowledged.
 */
final class LearnerProgress {

    enum Phase {
        /** FOLLOWERINFO came; LEADERINFO is (or will be) on its way. */
        INFO,
        /** ACKEPOCH came; NEWLEADER waits for a quorum of them. */
        EPOCH_ACKED,
        /** NEWLEADER left; its ACK has not come. */
        SYNCING,
        /** NEWLEADER acknowledged: proposals count. */
        SYNCED
    }

    final int id;
    final long session;
    /** False for observers and for voters re-learning a damaged log: never counted. */
    final boolean voting;
    final long acceptedEpoch;
    Phase phase = Phase.INFO;
    AckEpoch ackEpoch;
    /** The last index sent to it (proposals or, for non-voters, informs). */
    long sentIndex;
    /** The last index it acknowledged as durable and matching, in this epoch. */
    long ackedIndex = -1;
    long ackedAtLastTick = -1;
    /**
     * The highest index this leader told it is committed (COMMIT or UPTODATE) since its last
     * NEWLEADER: a COMMIT that tells nothing beyond it is not sent.
     */
    long commitSent = -1;
    /** Ticks since it was last heard from. */
    int silentTicks;
    /** Ticks since NEWLEADER left without an answer. */
    int syncTicks;
    /** The highest ping round it answered. */
    long round;

    LearnerProgress(int id, long session, boolean voting, long acceptedEpoch) {
        this.id = id;
        this.session = session;
        this.voting = voting;
        this.acceptedEpoch = acceptedEpoch;
    }
}
