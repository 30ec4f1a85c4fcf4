package io.synod.paxos.multi;

import io.synod.api.CoreStatus;
import io.synod.api.Recovered;
import io.synod.protocol.Ballot;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leader election by ballot: timeouts, phase 1 over all open slots, heartbeats, stepping down. */
class LeaderElectionTest {

    @Test
    void followerCampaignsAfterItsRandomisedTimeoutWithPhase1ForAllOpenSlots() {
        Transcript t = new Transcript(1, 1, 2, 3);
        int ticks = 0;
        Transcript.Out out;
        do {
            t.core.tick();
            ticks++;
            out = t.out();
        } while (out.sent(Prepare.class).isEmpty());
        assertTrue(ticks >= 10 && ticks <= 20, "timeout is 10 base + 0..10 random ticks, was " + ticks);
        assertEquals(List.of(2, 3), out.messages().stream().map(e -> e.to()).sorted().toList(), "prepare goes to the other members");
        Prepare prepare = out.sent(Prepare.class).get(0);
        assertEquals(ballot(1, 1), prepare.ballot());
        assertEquals(1, prepare.fromSlot(), "phase 1 covers every slot above the commit index");
        assertEquals(new Ballot(1, 1), HardState.decode(out.lastHardState()).promised(), "the candidate promises itself durably");
        assertEquals("candidate", t.core.status().role());
    }

    @Test
    void candidateLeadsOnceAPhase1QuorumPromised() {
        Transcript t = new Transcript(1, 1, 2, 3);
        Prepare prepare = t.tickUntilCampaign();
        Transcript.Out out = t.deliver(2, new Promise(prepare.ballot(), 1, List.of(), null));
        assertTrue(t.core.status().isLeader(), "self and node 2 form a majority of three");
        List<Accept> accepts = out.sent(Accept.class);
        assertEquals(2, accepts.size(), "the new leader announces itself to both peers");
        assertTrue(accepts.stream().allMatch(a -> a.ballot() == prepare.ballot()));
    }

    @Test
    void candidateNeedsAQuorumNotJustItself() {
        Transcript t = new Transcript(1, 1, 2, 3, 4, 5);
        Prepare prepare = t.tickUntilCampaign();
        t.deliver(2, new Promise(prepare.ballot(), 1, List.of(), null));
        t.deliver(2, new Promise(prepare.ballot(), 1, List.of(), null));
        assertFalse(t.core.status().isLeader(), "two of five (a duplicate counted once) is no quorum");
        t.deliver(4, new Promise(prepare.ballot(), 1, List.of(), null));
        assertTrue(t.core.status().isLeader());
    }

    @Test
    void candidateStepsDownOnRejectAndNextCampaignOutbidsTheRejection() {
        Transcript t = new Transcript(1, 1, 2, 3);
        Prepare prepare = t.tickUntilCampaign();
        t.deliver(2, new Reject(prepare.ballot(), ballot(7, 3)));
        assertEquals("follower", t.core.status().role());
        Prepare retry = t.tickUntilCampaign();
        assertTrue(Ballot.unpack(retry.ballot()).isAbove(new Ballot(7, 3)), "the retry outbids ballot 7.3, was " + Ballot.unpack(retry.ballot()));
    }

    @Test
    void leaderSendsHeartbeatsCarryingItsCommitIndex() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        t.core.tick();
        t.core.tick();
        Transcript.Out out = t.out();
        assertEquals(2, out.sent(Accept.class).size(), "a heartbeat every 2 ticks to each peer");
        assertTrue(out.sent(Accept.class).stream().allMatch(a -> a.entries().isEmpty()));
    }

    @Test
    void leaderStepsDownWhenAHigherBallotLeads() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        t.deliver(3, new Accept(ballot(5, 3), 0, 1, List.of(), 0, 0));
        CoreStatus status = t.core.status();
        assertEquals("follower", status.role());
        assertEquals(3, status.leader());
    }

    @Test
    void aPromiseToAHigherCandidateEndsLeadership() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        Transcript.Out out = t.deliver(3, new Prepare(ballot(9, 3), 1));
        assertNotNull(out.lastHardState(), "the promise is stored with the batch that sends it");
        assertEquals(1, out.sentTo(3, Promise.class).size());
        assertFalse(t.core.status().isLeader());
    }

    @Test
    void observerNeverCampaignsButFollowsTheLeader() {
        Transcript t = new Transcript(9, new int[] {1, 2, 3}, new int[] {9}, Recovered.EMPTY, Transcript.DEFAULT);
        for (int i = 0; i < 100; i++) {
            t.core.tick();
        }
        assertTrue(t.out().sent(Prepare.class).isEmpty(), "an observer never campaigns");
        assertTrue(t.deliver(1, new Prepare(ballot(1, 1), 1)).messages().isEmpty(), "nor promises");
        t.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(Transcript.entry(1, ballot(1, 1), "x")), 1, 0));
        assertEquals(1, t.core.status().leader());
        assertEquals("observer", t.core.status().role());
        assertEquals(1, t.core.status().commitIndex(), "it learns the committed log");
    }
}
