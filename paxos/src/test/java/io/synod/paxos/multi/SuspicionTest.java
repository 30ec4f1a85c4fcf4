package io.synod.paxos.multi;

import io.synod.api.Recovered;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suspicion (the transport saw a peer's connection close) makes a follower campaign at once
 * when the peer is its leader, and changes nothing otherwise: not another peer, not at the
 * leader, not at an observer, not with leases on.
 */
class SuspicionTest {

    /** Node 1 follows node 3, which leads at ballot 1.3 and has spoken once. */
    private static Transcript followingThree(MultiPaxos protocol, int self, int[] observers) {
        Transcript t = new Transcript(self, new int[] {1, 2, 3}, observers, Recovered.EMPTY, protocol);
        t.deliver(3, new Accept(ballot(1, 3), 0, 1, List.of(), 0, 0));
        assertEquals(3, t.core.status().leader());
        return t;
    }

    @Test
    void suspectingTheLeaderCampaignsAtOnceWithoutATick() {
        Transcript t = followingThree(Transcript.DEFAULT, 1, new int[0]);
        t.core.suspect(3);
        Transcript.Out out = t.out();
        List<Prepare> prepares = out.sent(Prepare.class);
        assertEquals(2, prepares.size(), "phase 1 goes to both peers, the suspected one included");
        assertTrue(prepares.get(0).ballot() > ballot(1, 3), "it outbids the suspected leader's ballot");
        assertEquals("candidate", t.core.status().role());
    }

    @Test
    void withoutTheSuspicionTheSameFollowerWaitsOutItsElectionTimeout() {
        Transcript t = followingThree(Transcript.DEFAULT, 1, new int[0]);
        int ticks = 0;
        while (t.out().sent(Prepare.class).isEmpty()) {
            t.core.tick();
            ticks++;
        }
        assertTrue(ticks >= 10, "the control: silence alone takes at least electionTicks (10), took " + ticks);
    }

    @Test
    void suspectingAnotherPeerChangesNothing() {
        Transcript t = followingThree(Transcript.DEFAULT, 1, new int[0]);
        t.core.suspect(2);
        t.core.suspect(1);
        t.core.suspect(42);
        assertTrue(t.out().messages().isEmpty());
        assertEquals("follower", t.core.status().role());
        assertEquals(3, t.core.status().leader());
    }

    @Test
    void aLeaderSuspectingAFollowerKeepsLeading() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        t.core.suspect(2);
        t.core.suspect(3);
        assertTrue(t.out().sent(Prepare.class).isEmpty());
        assertTrue(t.core.status().isLeader());
    }

    @Test
    void anObserverNeverCampaigns() {
        Transcript t = followingThree(Transcript.DEFAULT, 9, new int[] {9});
        t.core.suspect(3);
        assertTrue(t.out().sent(Prepare.class).isEmpty());
        assertEquals("observer", t.core.status().role());
    }

    @Test
    void withLeasesTheSuspicionIsIgnored() {
        MultiPaxos leased = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).leaseTicks(5).build();
        Transcript t = followingThree(leased, 1, new int[0]);
        t.core.suspect(3);
        assertTrue(t.out().sent(Prepare.class).isEmpty(),
            "the acceptors refuse promises while the lease may run, so a campaign could not hurry it");
        assertEquals(3, t.core.status().leader());
    }
}
