package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.LogEntry;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.ForwardCommand;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distinguished proposer: recovery after phase 1, then phase 2 with batching and a window. */
class LeaderTest {

    /** Node 1 campaigns in a cluster of five and receives {@code promises} (from nodes 2, 3…). */
    private static Transcript.Out electWith(Transcript t, List<List<LogEntry>> promises) {
        Prepare prepare = t.tickUntilCampaign();
        Transcript.Out out = null;
        int from = 2;
        for (List<LogEntry> accepted : promises) {
            out = t.deliver(from++, new Promise(prepare.ballot(), prepare.fromSlot(), accepted, null));
        }
        return out;
    }

    private static String text(byte[] data) {
        return CommandBatch.isNoop(data) ? "noop" : new String(data);
    }

    @Test
    void newLeaderReproposesTheValueAcceptedAtTheHighestBallot() {
        Transcript t = new Transcript(1, 1, 2, 3, 4, 5);
        Transcript.Out out = electWith(t, List.of(
            List.of(entry(1, ballot(1, 2), "old")),
            List.of(entry(1, ballot(2, 3), "newer"))));
        Accept accept = out.sentTo(2, Accept.class).get(0);
        assertEquals(1, accept.entries().size());
        assertEquals("newer", text(accept.entries().get(0).data()));
        assertEquals(accept.ballot(), accept.entries().get(0).term(), "re-proposed at the leader's own ballot");
    }

    @Test
    void slotsNoPromiseReportsAreFilledWithNoops() {
        Transcript t = new Transcript(1, 1, 2, 3, 4, 5);
        Prepare prepare = t.tickUntilCampaign();
        t.deliver(2, new Promise(prepare.ballot(), 1, List.of(entry(1, ballot(1, 2), "one")), null));
        // An acceptor that reports slot 3 but nothing for slot 2: the leader must not leave slot 2 open.
        Transcript.Out out = t.deliver(3, new Promise(prepare.ballot(), 1, List.of(entry(3, ballot(1, 3), "three")), null));
        Accept accept = out.sentTo(2, Accept.class).get(0);
        assertEquals(List.of("one", "noop", "three"), accept.entries().stream().map(e -> text(e.data())).toList());
        assertEquals(List.of(1L, 2L, 3L), out.appended().stream().map(LogEntry::index).toList(),
            "the leader accepts its own re-proposals first");
        assertEquals(3, accept.horizon());
    }

    @Test
    void newCommandsAreOrderedAfterEveryRecoveredSlot() {
        Transcript t = new Transcript(1, 1, 2, 3);
        Prepare prepare = t.tickUntilCampaign();
        t.deliver(2, new Promise(prepare.ballot(), 1, List.of(entry(1, ballot(1, 2), "one"),
            new LogEntry(2, ballot(1, 2), CommandBatch.NOOP), entry(3, ballot(1, 2), "three")), null));
        Transcript.Out out = t.propose("fresh", 7, 1);
        assertEquals(List.of(4L), out.appended().stream().map(LogEntry::index).toList());
    }

    @Test
    void commitOnlyAfterAPhase2QuorumAccepted() {
        Transcript t = new Transcript(1, 1, 2, 3, 4, 5);
        long b = electWith(t, List.of(List.of(), List.of())).sent(Accept.class).get(0).ballot();
        for (int peer = 2; peer <= 5; peer++) {
            t.deliver(peer, new Accepted(b, 0, 0, true)); // each peer answers the leader's first Accept
        }
        Transcript.Out out = t.propose("x", 1, 1);
        assertTrue(out.committed().isEmpty(), "only the leader holds slot 1");
        assertEquals(1, out.sentTo(2, Accept.class).get(0).entries().size());
        out = t.deliver(2, new Accepted(b, 0, 1, true));
        assertTrue(out.committed().isEmpty(), "two of five is no quorum");
        out = t.deliver(2, new Accepted(b, 0, 1, true));
        assertTrue(out.committed().isEmpty(), "a duplicate vote counts once");
        out = t.deliver(3, new Accepted(b, 0, 1, true));
        assertEquals(1, out.committed().size());
        assertEquals(List.of(new Command(1, 1, "x".getBytes())), CommandBatch.decode(out.committed().get(0).data()));
        assertEquals(1, t.core.status().commitIndex());
        assertTrue(out.sent(Accept.class).stream().anyMatch(a -> a.leaderCommit() == 1), "the new commit index goes out at once");
    }

    @Test
    void commandsPendingWhenABatchIsCutShareOneSlot() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        for (int i = 1; i <= 3; i++) {
            t.core.propose(new Command(i, 1, ("c" + i).getBytes()));
        }
        Transcript.Out out = t.out();
        assertEquals(1, out.appended().size());
        assertEquals(3, CommandBatch.decode(out.appended().get(0).data()).size());
    }

    @Test
    void theWindowLimitsOpenSlotsAndMaxBatchLimitsASlot() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = t.elect(2).sent(Accept.class).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true));
        for (int i = 1; i <= 50; i++) {
            t.core.propose(new Command(i, 1, ("c" + i).getBytes()));
        }
        Transcript.Out out = t.out();
        assertEquals(4, out.appended().size(), "maxInflight 4 slots open above commit");
        assertTrue(out.appended().stream().allMatch(e -> CommandBatch.decode(e.data()).size() == 8), "maxBatch 8 per slot");
        assertEquals(List.of(1L), out.sentTo(2, Accept.class).stream().map(Accept::fromSlot).toList(), "pipelined in one Accept");
        out = t.deliver(2, new Accepted(b, 0, 2, true));
        assertEquals(2, out.committed().size());
        assertEquals(List.of(5L, 6L), out.appended().stream().map(LogEntry::index).toList(), "two slots freed, two opened");
    }

    @Test
    void aFollowerForwardsToTheLeaderItKnows() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(1, new Accept(ballot(1, 1), 0, 1, List.of(), 0, 0));
        Transcript.Out out = t.propose("hello", 4, 1);
        List<ForwardCommand> forwarded = out.sentTo(1, ForwardCommand.class);
        assertEquals(List.of(new ForwardCommand(new Command(4, 1, "hello".getBytes()))), forwarded);
        assertTrue(out.replies().isEmpty());
    }

    @Test
    void aNodeWithoutALeaderRejectsWithNotLeader() {
        Transcript t = new Transcript(2, 1, 2, 3);
        Transcript.Out out = t.propose("hello", 4, 1);
        assertEquals(List.of(new ClientReply.Rejected(4, 1, ClientReply.Reason.NOT_LEADER, CoreStatus.NO_LEADER)), out.replies());
    }

    @Test
    void theLeaderOrdersForwardedCommands() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.elect(2);
        Transcript.Out out = t.deliver(2, new ForwardCommand(new Command(4, 1, "fwd".getBytes())));
        assertEquals(1, out.appended().size());
        LogEntry appended = out.appended().get(0);
        assertArrayEquals(CommandBatch.encode(0, appended.term(), List.of(new Command(4, 1, "fwd".getBytes()))), appended.data(),
            "the batch carries the leader's ballot (and its clock, which reads 0 here)");
    }

    @Test
    void pendingCommandsAreRejectedWhenLeadershipIsLost() {
        Transcript t = new Transcript(1, 1, 2, 3);
        t.tickUntilCampaign();
        t.propose("waits", 5, 1);
        Transcript.Out out = t.deliver(3, new Prepare(ballot(9, 3), 1));
        assertEquals(List.of(new ClientReply.Rejected(5, 1, ClientReply.Reason.NOT_LEADER, CoreStatus.NO_LEADER)), out.replies());
    }
}
