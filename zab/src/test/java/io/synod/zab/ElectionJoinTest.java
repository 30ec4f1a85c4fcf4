package io.synod.zab;

import io.synod.quorum.QuorumSystem;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage.Notification;
import io.synod.zab.message.Zxid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A late or restarted peer joins an established leader from the answers of the peers that lead or
 * follow it: a quorum of them must name the same leader in the same epoch, and the leader must say
 * it leads it. The votes those peers decided on need not agree (the transcript below is the one
 * the observer conformance suite found at {@code partitions3} seed 139): the answers name the
 * epoch they are in.
 */
class ElectionJoinTest {

    private static final QuorumSystem THREE = QuorumSystem.majority(new int[] {1, 2, 3});

    /** A peer whose election ended on {@code vote} (decided or adopted from out-of-election answers). */
    private static FastLeaderElection holding(int self, Vote vote) {
        FastLeaderElection e = new FastLeaderElection(self, THREE, 1, Flaw.NONE);
        e.start(vote);
        return e;
    }

    private static FastLeaderElection looking(int self) {
        FastLeaderElection e = new FastLeaderElection(self, THREE, 1, Flaw.NONE);
        e.start(new Vote(self, new Zxid(2, 297), 2));
        return e;
    }

    @Test
    void aLatePeerJoinsALeaderWhoseFollowerDecidedOnAnOlderVote() {
        // Leader 2 was re-elected in a looking round on its own vote (its history of epoch 2). Follower
        // 3 had joined 2's previous epoch from out-of-election answers, whose vote carried 2's epoch at
        // that election (1), and followed 2 into epoch 3 keeping it.
        Notification leader = holding(2, new Vote(2, new Zxid(2, 299), 2)).notification(PeerState.LEADING, 3);
        Notification follower = holding(3, new Vote(2, new Zxid(1, 137), 1)).notification(PeerState.FOLLOWING, 3);

        FastLeaderElection late = looking(1);
        late.onSettled(2, leader);
        late.onSettled(3, follower);
        assertEquals(2, late.decided(), "leader 2 and follower 3 of epoch 3 are a quorum: the late peer joins");
    }

    @Test
    void answersFromAnotherEpochOfTheSameLeaderAreNotCounted() {
        Notification leader = holding(2, new Vote(2, new Zxid(2, 299), 2)).notification(PeerState.LEADING, 3);
        Notification stale = holding(3, new Vote(2, new Zxid(1, 137), 1)).notification(PeerState.FOLLOWING, 2);

        FastLeaderElection late = looking(1);
        late.onSettled(2, leader);
        late.onSettled(3, stale);
        assertEquals(FastLeaderElection.UNDECIDED, late.decided(),
            "a follower still in epoch 2 does not vouch for leader 2's epoch 3");
        late.onSettled(3, holding(3, new Vote(2, new Zxid(1, 137), 1)).notification(PeerState.FOLLOWING, 3));
        assertEquals(2, late.decided(), "once it follows in epoch 3 it does");
    }
}
