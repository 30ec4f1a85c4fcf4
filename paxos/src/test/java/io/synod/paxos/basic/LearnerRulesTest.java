package io.synod.paxos.basic;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.basic.Transcript.b;
import static io.synod.paxos.basic.Transcript.recipients;
import static io.synod.paxos.basic.Transcript.sent;
import static io.synod.paxos.basic.Transcript.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learner's rules, as transcripts: learning needs a phase-2 quorum under one ballot. */
class LearnerRulesTest {

    @Test
    void learnerNeedsAPhase2QuorumOfAcceptances() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        Ready one = node.step(2, new Accepted(1, b(1, 2), v("x")));
        assertTrue(one.committed().isEmpty(), "one of three acceptors is no majority");
        Ready again = node.step(2, new Accepted(1, b(1, 2), v("x")));
        assertTrue(again.committed().isEmpty(), "a duplicate is the same vote");
        Ready two = node.step(3, new Accepted(1, b(1, 2), v("x")));
        assertEquals(List.of(new LogEntry(1, b(1, 2).pack(), v("x"))), two.committed());
        assertEquals(two.committed(), two.entries(), "the decision is logged in the batch that commits it");
    }

    @Test
    void learnerDoesNotAddUpVotesOfDifferentBallots() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accepted(1, b(1, 2), v("x")));
        Ready ready = node.step(3, new Accepted(1, b(2, 3), v("x")));
        assertTrue(ready.committed().isEmpty(), "two acceptors, but under two ballots");
    }

    @Test
    void learnerIgnoresAcceptancesFromNonMembers() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accepted(1, b(1, 2), v("x")));
        assertTrue(node.step(9, new Accepted(1, b(1, 2), v("x"))).committed().isEmpty());
    }

    @Test
    void learnerUsesThePhase2QuorumOfAFlexibleQuorumSystem() {
        // Four acceptors; phase 1 needs three, phase 2 only two (3 + 2 > 4).
        BasicPaxos protocol = BasicPaxos.builder().quorum(QuorumSystem.flexible(3, 2, 1, 2, 3, 4)).build();
        Transcript learner = new Transcript(1, protocol, 1, 2, 3, 4);
        assertTrue(learner.step(2, new Accepted(1, b(1, 2), v("x"))).committed().isEmpty());
        assertEquals(1, learner.step(3, new Accepted(1, b(1, 2), v("x"))).committed().size(),
            "two acceptances are a phase-2 quorum here");

        Transcript proposer = new Transcript(1, protocol, 1, 2, 3, 4);
        proposer.core.propose(new Command(5, 1, v("y")));
        proposer.take();
        proposer.step(2, new Promise(1, b(1, 1), Ballot.ZERO, null));
        assertTrue(sent(proposer.step(3, new Promise(1, b(1, 1), Ballot.ZERO, null)), Accept.class).isEmpty(),
            "two promises are no phase-1 quorum");
        assertEquals(List.of(1, 2, 3, 4), recipients(proposer.step(4, new Promise(1, b(1, 1), Ballot.ZERO, null)), Accept.class),
            "the third promise completes phase 1: Accept goes to every acceptor");
    }

    @Test
    void learnerHandsOutDecisionsInSlotOrder() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accepted(2, b(1, 2), v("second")));
        Ready early = node.step(3, new Accepted(2, b(1, 2), v("second")));
        assertTrue(early.committed().isEmpty(), "slot 2 waits for slot 1");
        node.step(2, new Accepted(1, b(1, 3), v("first")));
        Ready both = node.step(3, new Accepted(1, b(1, 3), v("first")));
        assertEquals(List.of(1L, 2L), both.committed().stream().map(LogEntry::index).toList());
        assertEquals(List.of(1L, 2L), both.entries().stream().map(LogEntry::index).toList());
    }

    @Test
    void laggingLearnerCatchesUpFromAPeer() {
        Transcript ahead = Transcript.node(2, 1, 2, 3);
        for (long slot = 1; slot <= 3; slot++) {
            ahead.step(1, new Accepted(slot, b(1, 1), v("v" + slot)));
            ahead.step(3, new Accepted(slot, b(1, 1), v("v" + slot)));
        }
        assertEquals(3, ahead.core.learner().chosenIndex());

        BasicPaxos protocol = BasicPaxos.builder().catchUpTicks(3).build();
        Transcript behind = new Transcript(1, protocol, 1, 2, 3);
        behind.step(3, new Accepted(4, b(1, 3), v("v4")));
        CatchUp ask = null;
        int peer = 0;
        for (int i = 0; i < 3 && ask == null; i++) {
            Ready r = behind.tick();
            for (Envelope e : r.allMessages()) {
                if (e.message() instanceof CatchUp c) {
                    ask = c;
                    peer = e.to();
                }
            }
        }
        assertNotNull(ask, "a learner that heard of slot 4 but knows nothing asks within catchUpTicks");
        assertEquals(new CatchUp(1), ask);
        assertTrue(peer == 2 || peer == 3);
        Ready answer = ahead.step(1, ask);
        List<Chosen> chosen = sent(answer, Chosen.class);
        assertEquals(List.of(1L, 2L, 3L), chosen.stream().map(Chosen::slot).toList());
        Ready caughtUp = Ready.EMPTY;
        for (Chosen c : chosen) {
            caughtUp = behind.step(2, c);
        }
        assertEquals(3, behind.core.learner().chosenIndex());
        assertEquals(3, caughtUp.committed().get(0).index());
    }

    @Test
    void learnerBehindTheCompactionPointGetsTheSnapshotFromTheDriver() {
        Transcript ahead = Transcript.node(2, 1, 2, 3);
        for (long slot = 1; slot <= 3; slot++) {
            ahead.step(1, new Accepted(slot, b(1, 1), CommandBatch.NOOP));
            ahead.step(3, new Accepted(slot, b(1, 1), CommandBatch.NOOP));
        }
        SnapshotMeta snapshot = new SnapshotMeta(2, b(1, 1).pack());
        ahead.core.compacted(snapshot);
        Ready answer = ahead.step(1, new CatchUp(1));
        assertEquals(List.of(1), answer.snapshotRecipients(), "slots 1..2 are compacted: the driver streams the snapshot");
        assertEquals(List.of(3L), sent(answer, Chosen.class).stream().map(Chosen::slot).toList());

        Transcript behind = Transcript.node(1, 1, 2, 3);
        Ready early = behind.step(2, sent(answer, Chosen.class).get(0));
        assertTrue(early.committed().isEmpty(), "slot 3 waits for the snapshot below it");
        behind.core.snapshotInstalled(snapshot);
        assertEquals(3, behind.core.learner().chosenIndex(), "slot 3 follows the snapshot at once");
        Ready next = behind.core.ready();
        assertEquals(List.of(3L), next.committed().stream().map(LogEntry::index).toList());
    }

    @Test
    void restartedLearnerRecommitsItsRecoveredLog() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        for (long slot = 1; slot <= 2; slot++) {
            node.step(2, new Accepted(slot, b(1, 2), v("v" + slot)));
            node.step(3, new Accepted(slot, b(1, 2), v("v" + slot)));
        }
        node.restart();
        Ready first = node.take();
        assertEquals(List.of(1L, 2L), first.committed().stream().map(LogEntry::index).toList());
        assertTrue(first.entries().isEmpty(), "recovered decisions are not logged twice");
        assertEquals(2, node.core.status().commitIndex());
    }

    @Test
    void stuckLearnerHasItsProposerRunBothPhasesOnTheGap() {
        BasicPaxos protocol = BasicPaxos.builder().catchUpTicks(2).build();
        Transcript node = new Transcript(1, protocol, 1, 2, 3);
        node.step(3, new Accepted(1, b(1, 3), v("half-accepted")));
        Prepare fill = null;
        for (int i = 0; i < 10 && fill == null; i++) {
            List<Prepare> prepares = sent(node.tick(), Prepare.class);
            fill = prepares.isEmpty() ? null : prepares.get(0);
        }
        assertNotNull(fill, "after fruitless catch-up rounds the proposer takes the gap");
        assertEquals(1, fill.slot());
    }
}
