package io.synod.zab;

import io.synod.quorum.QuorumSystem;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage.Notification;
import io.synod.zab.message.Zxid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A looking peer that is told a peer stopped ({@link FastLeaderElection#forget}) no longer counts
 * what that peer said in the round: it does not join a leader from that leader's last answer, and a
 * quorum that needed the suspected peer's vote no longer ends the round. A live peer's next word
 * counts again.
 */
class ElectionSuspicionTest {

    private static final QuorumSystem THREE = QuorumSystem.majority(new int[] {1, 2, 3});

    private static FastLeaderElection looking(int self) {
        FastLeaderElection e = new FastLeaderElection(self, THREE, 1, Flaw.NONE);
        e.start(new Vote(self, new Zxid(1, 10), 1));
        return e;
    }

    private static Notification leading(int leader, long epoch) {
        return new Notification(leader, new Zxid(1, 12), epoch, 1, PeerState.LEADING);
    }

    private static Notification following(int leader, long epoch) {
        return new Notification(leader, new Zxid(1, 12), epoch, 1, PeerState.FOLLOWING);
    }

    @Test
    void aSuspectedLeadersLastAnswerDoesNotCount() {
        FastLeaderElection late = looking(1);
        late.onSettled(2, leading(2, 3)); // sent just before leader 2 died
        late.forget(2);
        late.onSettled(3, following(2, 3)); // follower 3 has not noticed yet
        assertEquals(FastLeaderElection.UNDECIDED, late.decided(), "a suspected leader is not joined on its last answer");

        late.onSettled(2, leading(2, 3)); // it was alive after all, and answers again
        assertEquals(2, late.decided(), "its next answer counts");
    }

    @Test
    void aQuorumThatNeededTheSuspectedPeersVoteWaitsForAnotherOne() {
        FastLeaderElection e = looking(1);
        Notification backsOne = new Notification(1, new Zxid(1, 10), 1, 1, PeerState.LOOKING);
        e.onLooking(2, backsOne, e.vote()); // {1, 2} back 1: the finalize wait starts
        e.forget(2);
        e.tick();
        e.tick();
        assertEquals(FastLeaderElection.UNDECIDED, e.decided(), "without 2 the vote has no quorum: no decision");

        e.onLooking(3, backsOne, e.vote());
        e.tick();
        assertEquals(1, e.decided(), "3's vote makes the quorum again, and the finalize wait ends it");
    }
}
