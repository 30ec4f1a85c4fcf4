package io.synod.zab;

import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.Command;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Proposal;
import io.synod.zab.message.Zxid;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transcript per case that has bitten ZAB implementations, each driven by hand on three
 * voters ({@link Harness}) so that the interleaving is exactly the one described.
 */
class HistoricalCasesTest {

    private static final int BOUND = 200;

    private static Harness elected() {
        Harness h = Harness.of(3);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, BOUND), "no leader within " + BOUND + " ticks");
        return h;
    }

    private static byte[] batch(String payload) {
        return CommandBatch.encode(new Command(9, 1, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A follower holds a proposal of an old epoch that no one else has, so it was never committed;
     * the next epoch commits something else at that index. When the follower comes back, the leader
     * must TRUNC it before the DIFF, or the two would disagree at that index.
     */
    @Test
    void followerWithAnUncommittedProposalOfAnOldEpochIsTruncated() {
        Harness h = elected();
        int old = h.leader();
        h.propose(old, "a");
        h.tick(2);
        long index = h.disk(old).lastIndex() + 1;
        // The old leader's next proposal reaches nobody, then it crashes.
        h.dropWhere(e -> e.from() == old && e.message() instanceof Proposal);
        h.propose(old, "lost");
        assertEquals(index, h.disk(old).lastIndex(), "the old leader logged its proposal");
        h.crash(old);
        h.heal();
        assertTrue(h.tickUntil(() -> h.leader() > 0 && h.leader() != old, BOUND), "no new leader");
        int leader = h.leader();
        h.propose(leader, "b");
        h.tick(3);
        assertEquals("b", payloadAt(h, leader, index));
        h.start(old);
        assertTrue(h.tickUntil(() -> h.committedPayloads(old).contains("b"), BOUND), "the old leader never caught up");
        List<NewLeader> syncs = h.sent(NewLeader.class, leader, old);
        NewLeader sync = syncs.get(syncs.size() - 1);
        assertEquals(index - 1, sync.truncateAfter(), "TRUNC to just below the divergent proposal");
        assertEquals("b", payloadAt(h, old, index));
        assertFalse(h.committedPayloads(old).contains("lost"));
    }

    /**
     * A proposal a quorum acknowledged, but whose COMMIT no one saw (the leader died first),
     * survives into the next epoch: the next leader's history has it, and it is committed under its
     * original zxid.
     */
    @Test
    void proposalAckedByAQuorumButCommittedByNoOneSurvives() {
        Harness h = elected();
        int old = h.leader();
        h.propose(old, "a");
        h.tick(2);
        long index = h.disk(old).lastIndex() + 1;
        h.dropWhere(e -> e.to() == old && e.message() instanceof Ack);
        h.propose(old, "acked");
        for (int id = 1; id <= 3; id++) {
            assertEquals(index, h.disk(id).lastIndex(), "node " + id + " logged the proposal");
        }
        for (int id = 1; id <= 3; id++) {
            assertFalse(h.committedPayloads(id).contains("acked"), "no one committed it yet");
        }
        long epoch = h.core(old).leader().epoch();
        h.crash(old);
        h.heal();
        assertTrue(h.tickUntil(() -> h.leader() > 0 && h.leader() != old, BOUND), "no new leader");
        int leader = h.leader();
        assertTrue(h.tickUntil(() -> h.committedPayloads(leader).contains("acked"), BOUND), "the new leader never committed it");
        LogEntry entry = h.disk(leader).log.stream().filter(e -> e.index() == index).findFirst().orElseThrow();
        assertEquals(epoch, entry.term(), "committed under the epoch that proposed it");
        for (int id = 1; id <= 3; id++) {
            if (id != old) {
                assertTrue(h.committedPayloads(id).contains("acked"), "node " + id);
            }
        }
    }

    /**
     * A follower crashes after it stored the new leader's history and before it stored the new
     * current epoch (ZOOKEEPER-4643: ZooKeeper once stored the epoch first). Its disk then says:
     * new history, old current epoch, new accepted epoch; it has not acknowledged NEWLEADER; and it
     * recovers, follows and acknowledges like any other peer.
     */
    @Test
    void followerThatCrashesBetweenHistoryAndCurrentEpochRecovers() {
        Harness h = elected();
        int first = h.leader();
        int follower = first == 1 ? 2 : 1;
        int other = 6 - first - follower;
        h.propose(first, "a");
        h.tick(2);
        h.crash(follower);
        h.propose(first, "b");
        h.tick(2);
        assertTrue(h.committedPayloads(other).contains("b"));
        h.crash(first);
        long oldEpoch = h.disk(follower).hard().currentEpoch();
        h.crashBefore(follower, r -> r.hardState() != null
            && ZabHardState.decode(r.hardState()).currentEpoch() > h.disk(follower).hard().currentEpoch());
        h.start(follower);
        assertTrue(h.tickUntil(() -> !h.isUp(follower), BOUND), "the follower never came to store a new current epoch");
        ZabHardState hard = h.disk(follower).hard();
        assertEquals(oldEpoch, hard.currentEpoch(), "the current epoch was not stored with the history");
        assertTrue(hard.acceptedEpoch() > oldEpoch, "the new epoch was accepted");
        assertTrue(h.disk(follower).log.stream().anyMatch(e -> payload(e).equals("b")), "the history was stored first");
        assertTrue(h.sent(AckNewLeader.class, follower, other).isEmpty(), "no ACK of NEWLEADER before the epoch was stored");
        h.start(follower);
        assertTrue(h.tickUntil(() -> h.leader() > 0, BOUND), "no leader after the follower recovered");
        int leader = h.leader();
        h.propose(leader, "c");
        assertTrue(h.tickUntil(() -> h.committedPayloads(follower).contains("c"), BOUND), "the follower never followed again");
        assertEquals(h.core(leader).leader().epoch(), h.disk(follower).hard().currentEpoch());
        assertFalse(h.sent(AckNewLeader.class, follower, leader).isEmpty());
    }

    private static String payload(LogEntry e) {
        return new String(CommandBatch.decode(e.data()).get(0).payload(), StandardCharsets.UTF_8);
    }

    /**
     * A peer with the highest zxid but a stale current epoch cannot win: peer 1 holds proposals of
     * epoch 1 through index 4 that were never committed, peers 2 and 3 acknowledged epoch 2's history
     * (through index 2). Ranking by zxid alone would elect peer 1 and commit its tail; ZAB ranks the
     * current epoch first, elects 3, and peer 1's tail is truncated.
     */
    @Test
    void highestZxidWithAStaleEpochCannotWin() {
        Harness h = Harness.of(3);
        List<LogEntry> common = List.of(new LogEntry(1, 1, batch("x1")), new LogEntry(2, 1, batch("x2")));
        h.disk(1).hardState = new ZabHardState(1, 1, ZabHardState.VOTING).encode();
        h.disk(1).log.addAll(common);
        h.disk(1).log.add(new LogEntry(3, 1, batch("stale3")));
        h.disk(1).log.add(new LogEntry(4, 1, batch("stale4")));
        for (int id = 2; id <= 3; id++) {
            h.disk(id).hardState = new ZabHardState(2, 2, ZabHardState.VOTING).encode();
            h.disk(id).log.addAll(common);
        }
        assertTrue(new Vote(1, new Zxid(1, 4), 1).beats(new Vote(3, new Zxid(1, 2), 2), Flaw.ELECT_BY_INDEX));
        assertFalse(new Vote(1, new Zxid(1, 4), 1).beats(new Vote(3, new Zxid(1, 2), 2), Flaw.NONE));
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, BOUND));
        assertEquals(3, h.leader());
        h.propose(3, "new3");
        assertTrue(h.tickUntil(() -> h.committedPayloads(1).contains("new3"), BOUND));
        assertFalse(h.committedPayloads(1).contains("stale3"));
        assertEquals("new3", payloadAt(h, 1, 3));
    }

    /** A full zxid counter forces a new epoch (ZOOKEEPER-1277): the leader steps down and the log goes on under the next. */
    @Test
    void aFullCounterForcesANewEpoch() {
        Harness h = new Harness(Zab.builder().maxCounter(3).build(), new int[] {1, 2, 3});
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, BOUND));
        long firstEpoch = h.core(h.leader()).leader().epoch();
        for (int i = 0; i < 8; i++) {
            int at = h.leader() > 0 ? h.leader() : 1;
            h.propose(at, "w" + i);
            h.tickUntil(() -> h.leader() > 0, BOUND);
        }
        h.tick(20);
        int leader = h.leader();
        assertTrue(leader > 0);
        long epoch = h.core(leader).leader().epoch();
        assertTrue(epoch >= firstEpoch + 2, "epochs " + firstEpoch + " then " + epoch + ": the counter never forced a new one");
        long perEpoch = h.disk(leader).log.stream().filter(e -> e.term() == firstEpoch).count();
        assertTrue(perEpoch <= 3, perEpoch + " entries in epoch " + firstEpoch + " beyond a counter of 3");
    }

    private static String payloadAt(Harness h, int node, long index) {
        LogEntry e = h.disk(node).log.stream().filter(x -> x.index() == index).findFirst().orElseThrow();
        return new String(CommandBatch.decode(e.data()).get(0).payload(), StandardCharsets.UTF_8);
    }
}
