package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.CoreStatus;
import io.synod.api.Recovered;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexReply;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linearizable reads: ReadIndex rounds, the leader's own-slots rule, and leases. */
class ReadIndexTest {

    @Test
    void aReadIsReadyOnlyAfterAQuorumAnsweredARoundStartedAfterIt() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = t.elect(2).sent(Accept.class).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true));
        t.core.read(77);
        Transcript.Out out = t.out();
        assertTrue(out.replies().isEmpty(), "not confirmed yet");
        long round = out.sentTo(2, Accept.class).get(0).round();
        assertTrue(round > 0, "the read starts a heartbeat round");
        assertTrue(t.deliver(2, new Accepted(b, round - 1, 0, true)).replies().isEmpty(), "an older round proves nothing");
        out = t.deliver(3, new Accepted(b, round, 0, true));
        assertEquals(List.of(new ClientReply.ReadReady(77, 0)), out.replies());
    }

    @Test
    void readsWaitUntilTheLeaderCommittedWhatItReproposed() {
        Transcript t = new Transcript(1, 1, 2, 3);
        Prepare prepare = t.tickUntilCampaign();
        long b = prepare.ballot();
        t.deliver(2, new Promise(b, 1, List.of(entry(1, ballot(1, 2), "old")), null));
        t.core.read(5);
        assertTrue(t.out().replies().isEmpty(), "slot 1 may hold a write acknowledged before the read");
        Transcript.Out out = t.deliver(2, new Accepted(b, 0, 1, true));
        assertEquals(1, t.core.status().commitIndex());
        long round = out.sentTo(2, Accept.class).get(out.sentTo(2, Accept.class).size() - 1).round();
        out = t.deliver(2, new Accepted(b, round, 1, true));
        assertEquals(List.of(new ClientReply.ReadReady(5, 1)), out.replies());
    }

    @Test
    void aFollowerAsksItsLeaderForTheReadIndex() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(), 0, 0));
        t.core.read(9);
        Transcript.Out out = t.out();
        assertEquals(List.of(new ReadIndexRequest(9)), out.sentTo(1, ReadIndexRequest.class));
        assertEquals(List.of(), out.replies(), "nothing is answered before the leader confirms");
        out = t.deliver(1, new ReadIndexReply(9, 4));
        assertEquals(List.of(new ClientReply.ReadReady(9, 4)), out.replies());
    }

    @Test
    void aFollowerRefusedByItsLeaderRejectsTheReadForARetry() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(), 0, 0));
        t.core.read(9);
        t.out();
        Transcript.Out out = t.deliver(1, new ReadIndexReply(9, ReadIndexReply.REFUSED));
        assertEquals(List.of(new ClientReply.ReadRejected(9, ClientReply.Reason.NOT_LEADER, 1)), out.replies());
    }

    @Test
    void aNodeWithoutALeaderRejectsReads() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.core.read(9);
        assertEquals(List.of(new ClientReply.ReadRejected(9, ClientReply.Reason.NOT_LEADER, -1)), t.out().replies());
    }

    @Test
    void theLeaderConfirmsAFollowersReadWithAQuorumRoundAndAnswersIt() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = t.elect(2).sent(Accept.class).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true));
        t.out();
        Transcript.Out out = t.deliver(3, new ReadIndexRequest(11));
        assertEquals(List.of(), out.sentTo(3, ReadIndexReply.class), "not before a quorum confirmed the leadership");
        long round = out.sentTo(2, Accept.class).get(out.sentTo(2, Accept.class).size() - 1).round();
        out = t.deliver(2, new Accepted(b, round, 1, true));
        assertEquals(List.of(new ReadIndexReply(11, t.core.status().commitIndex())), out.sentTo(3, ReadIndexReply.class));
        assertEquals(List.of(), out.replies(), "the read belongs to the follower's client, not the leader's");
    }

    @Test
    void aNodeThatDoesNotLeadRefusesAForwardedRead() {
        Transcript t = new Transcript(2, 1, 2, 3);
        Transcript.Out out = t.deliver(3, new ReadIndexRequest(5));
        assertEquals(List.of(new ReadIndexReply(5, ReadIndexReply.REFUSED)), out.sentTo(3, ReadIndexReply.class));
    }

    @Test
    void waitingReadsAreRejectedWhenLeadershipEnds() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        t.core.read(3);
        t.out();
        Transcript.Out out = t.deliver(3, new Accept(ballot(9, 3), 0, 1, List.of(), 0, 0));
        assertEquals(List.of(new ClientReply.ReadRejected(3, ClientReply.Reason.NOT_LEADER, 3)), out.replies());
    }

    @Test
    void withALeaseReadsAreServedWithoutARoundUntilItRunsOut() {
        MultiPaxos leased = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).leaseTicks(6).build();
        Transcript t = new Transcript(1, new int[] {1, 2, 3}, new int[0], Recovered.EMPTY, leased);
        long b = t.elect(2).sent(Accept.class).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true));
        t.core.tick();
        t.core.tick();
        long round = t.out().sentTo(2, Accept.class).get(0).round();
        t.deliver(2, new Accepted(b, round, 0, true));
        t.core.read(1);
        assertEquals(List.of(new ClientReply.ReadReady(1, 0)), t.out().replies(), "lease holds: no round needed");
        for (int i = 0; i < 6; i++) {
            t.core.tick();
        }
        t.out();
        t.core.read(2);
        assertTrue(t.out().replies().isEmpty(), "lease ran out: the read waits for a round");
    }

    @Test
    void withLeasesAFollowerThatHeardFromItsLeaderPromisesNoOne() {
        MultiPaxos leased = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).leaseTicks(6).build();
        Transcript t = new Transcript(2, new int[] {1, 2, 3}, new int[0], Recovered.EMPTY, leased);
        t.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(), 0, 0));
        assertTrue(t.deliver(3, new Prepare(ballot(5, 3), 1)).messages().isEmpty(), "silence protects the leader's lease");
        for (int i = 0; i < 10; i++) {
            t.core.tick();
        }
        t.out();
        Transcript.Out out = t.deliver(3, new Prepare(ballot(5, 3), 1));
        assertEquals(1, out.sent(Promise.class).size(), "after the election timeout it may promise again");
        assertEquals(CoreStatus.NO_LEADER, t.core.status().leader());
    }

    /**
     * The lease of leader 1 rests on node 2's silence; node 2 acknowledges a round, crashes and
     * restarts at once. Its disk says nothing about when it last heard from a leader, so it must
     * promise no one for a full election timeout after it starts: longer than any lease.
     */
    @Test
    void withLeasesARestartedFollowerPromisesNoOneForAnElectionTimeout() {
        MultiPaxos leased = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).leaseTicks(6).build();
        Transcript before = new Transcript(2, new int[] {1, 2, 3}, new int[0], Recovered.EMPTY, leased);
        Transcript.Out acked = before.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(), 0, 1));
        assertEquals(1, acked.sent(Accepted.class).size(), "node 2 acknowledges the leader's round");
        Recovered disk = new Recovered(acked.lastHardState(), null, List.of());

        Transcript restarted = new Transcript(2, new int[] {1, 2, 3}, new int[0], disk, leased);
        for (int tick = 0; tick < 9; tick++) {
            assertTrue(restarted.deliver(3, new Prepare(ballot(5 + tick, 3), 1)).messages().isEmpty(),
                "tick " + tick + " after the restart: a promise now could elect a leader beside one whose lease runs");
            restarted.core.tick();
            restarted.out();
        }
        restarted.core.tick();
        restarted.out();
        assertEquals(1, restarted.deliver(3, new Prepare(ballot(20, 3), 1)).sent(Promise.class).size(),
            "a full election timeout after the restart, every lease it may have backed has run out");
    }

    @Test
    void withoutLeasesARestartedFollowerPromisesAtOnce() {
        Transcript restarted = new Transcript(2, 1, 2, 3);
        assertEquals(1, restarted.deliver(3, new Prepare(ballot(5, 3), 1)).sent(Promise.class).size(),
            "no lease, nothing to protect: no clock assumption and no delay");
    }
}
