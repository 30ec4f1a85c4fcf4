package io.synod.paxos.basic;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Ready;
import io.synod.protocol.Backoff;
import io.synod.protocol.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.basic.Transcript.b;
import static io.synod.paxos.basic.Transcript.recipients;
import static io.synod.paxos.basic.Transcript.sent;
import static io.synod.paxos.basic.Transcript.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proposer's rules ("Paxos Made Simple", §2.2 and §2.4), as transcripts. */
class ProposerRulesTest {

    private static final Command CMD = new Command(7, 1, v("set x"));

    private static Ready propose(Transcript node, Command command) {
        node.core.propose(command);
        return node.take();
    }

    @Test
    void proposerPreparesTheFirstUndecidedSlotUnderABallotPersistedBeforeThePrepareLeaves() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        Ready ready = propose(node, CMD);
        assertEquals(List.of(new Prepare(1, b(1, 1))), sent(ready, Prepare.class).subList(0, 1));
        assertEquals(List.of(1, 2, 3), recipients(ready, Prepare.class), "every acceptor, itself included");
        assertNotNull(ready.hardState());
        assertEquals(1, node.durable().proposerRound());
    }

    @Test
    void proposerWaitsForAPhase1QuorumOfPromises() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        propose(node, CMD);
        assertTrue(sent(node.step(2, new Promise(1, b(1, 1), Ballot.ZERO, null)), Accept.class).isEmpty());
        assertTrue(sent(node.step(2, new Promise(1, b(1, 1), Ballot.ZERO, null)), Accept.class).isEmpty(),
            "a repeated promise is one vote");
        Ready ready = node.step(3, new Promise(1, b(1, 1), Ballot.ZERO, null));
        assertEquals(List.of(new Accept(1, b(1, 1), CommandBatch.encode(0, b(1, 1).pack(), List.of(CMD)))),
            sent(ready, Accept.class).subList(0, 1), "no value reported: the proposer's own commands, stamped with its ballot");
    }

    @Test
    void proposerAdoptsTheHighestBallotAcceptedValueFromPromises() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        propose(node, CMD);
        // Only a Nack makes the proposer's next ballot outbid round 3.
        node.step(2, new Nack(1, b(1, 1), b(3, 2)));
        Ready retry = Ready.EMPTY;
        for (int i = 0; i < 200 && sent(retry, Prepare.class).isEmpty(); i++) {
            retry = node.tick();
        }
        Ballot ballot = sent(retry, Prepare.class).get(0).ballot();
        assertEquals(b(4, 1), ballot);
        node.step(2, new Promise(1, ballot, b(2, 2), v("older")));
        Ready ready = node.step(3, new Promise(1, ballot, b(3, 3), v("newer")));
        assertEquals(new Accept(1, ballot, v("newer")), sent(ready, Accept.class).get(0));
    }

    @Test
    void proposerBacksOffAfterANackThenOutbidsThePromisedBallot() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        propose(node, CMD);
        Ready afterNack = node.step(3, new Nack(1, b(1, 1), b(5, 3)));
        assertTrue(sent(afterNack, Prepare.class).isEmpty(), "no immediate retry: the proposer backs off");
        int waited = 0;
        Ready retry = Ready.EMPTY;
        while (sent(retry, Prepare.class).isEmpty()) {
            retry = node.tick();
            waited++;
            assertTrue(waited <= 64, "the backoff is capped");
        }
        assertEquals(new Prepare(1, b(6, 1)), sent(retry, Prepare.class).get(0));
        assertTrue(node.durable().proposerRound() >= 6);
    }

    @Test
    void backoffGrowsWithConsecutiveFailuresUpToTheCap() {
        Backoff backoff = new Backoff(4, 64);
        java.util.Random random = new java.util.Random(1);
        int maxFirst = 0;
        int maxTenth = 0;
        for (int i = 0; i < 2000; i++) {
            maxFirst = Math.max(maxFirst, backoff.delay(1, random));
            maxTenth = Math.max(maxTenth, backoff.delay(10, random));
        }
        assertEquals(4, maxFirst);
        assertEquals(64, maxTenth);
    }

    @Test
    void proposerRetriesAfterASilentPhaseWithAHigherBallot() {
        BasicPaxos protocol = BasicPaxos.builder().phaseTimeoutTicks(3).build();
        Transcript node = new Transcript(1, protocol, 1, 2, 3);
        propose(node, CMD);
        Ready retry = Ready.EMPTY;
        for (int i = 0; i < 100 && sent(retry, Prepare.class).isEmpty(); i++) {
            retry = node.tick();
        }
        assertEquals(new Prepare(1, b(2, 1)), sent(retry, Prepare.class).get(0));
    }

    @Test
    void proposerRetriesItsCommandsInTheNextSlotWhenAnotherValueIsChosen() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        propose(node, CMD);
        node.step(2, new Promise(1, b(1, 1), b(1, 2), CommandBatch.encode(new Command(8, 1, v("theirs")))));
        node.step(3, new Promise(1, b(1, 1), Ballot.ZERO, null));
        byte[] theirs = CommandBatch.encode(new Command(8, 1, v("theirs")));
        node.step(2, new Accepted(1, b(1, 1), theirs));
        Ready ready = node.step(3, new Accepted(1, b(1, 1), theirs));
        assertEquals(1, node.core.learner().chosenIndex());
        assertEquals(new Prepare(2, b(2, 1)), sent(ready, Prepare.class).get(0), "slot 1 went to another value");
        node.step(2, new Promise(2, b(2, 1), Ballot.ZERO, null));
        Ready accept = node.step(3, new Promise(2, b(2, 1), Ballot.ZERO, null));
        assertArrayEquals(CommandBatch.encode(0, b(1, 1).pack(), List.of(CMD)), sent(accept, Accept.class).get(0).value(),
            "the same value as the first attempt cut, stamp included");
    }

    @Test
    void proposerNeverReusesABallotAfterARestart() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        propose(node, CMD);
        node.restart();
        Ready ready = propose(node, CMD);
        assertEquals(new Prepare(1, b(2, 1)), sent(ready, Prepare.class).get(0));
    }

    @Test
    void readIsReadyAtTheSlotWhereTheProposersOwnBarrierIsChosen() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.core.read(77);
        node.take();
        node.step(2, new Promise(1, b(1, 1), Ballot.ZERO, null));
        Ready accept = node.step(3, new Promise(1, b(1, 1), Ballot.ZERO, null));
        assertArrayEquals(CommandBatch.NOOP, sent(accept, Accept.class).get(0).value(), "a read alone proposes a no-op");
        node.step(2, new Accepted(1, b(1, 1), CommandBatch.NOOP));
        Ready ready = node.step(3, new Accepted(1, b(1, 1), CommandBatch.NOOP));
        assertEquals(List.of(new ClientReply.ReadReady(77, 1)), ready.replies());
    }

    @Test
    void readIsNotAnsweredByASlotWonWithAnAdoptedValue() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.core.read(77);
        node.take();
        node.step(2, new Promise(1, b(1, 1), b(1, 2), CommandBatch.NOOP));
        node.step(3, new Promise(1, b(1, 1), Ballot.ZERO, null));
        node.step(2, new Accepted(1, b(1, 1), CommandBatch.NOOP));
        Ready ready = node.step(3, new Accepted(1, b(1, 1), CommandBatch.NOOP));
        assertTrue(ready.replies().isEmpty(), "slot 1 may have been chosen before the read began");
        assertEquals(new Prepare(2, b(2, 1)), sent(ready, Prepare.class).get(0), "the read tries the next slot");
    }

    @Test
    void aNodeThatDoesNotProposeRejectsClientsWithAHint() {
        BasicPaxos protocol = BasicPaxos.builder().proposers(2, 3).build();
        Transcript node = new Transcript(1, protocol, 1, 2, 3);
        Ready ready = propose(node, CMD);
        assertEquals(List.of(new ClientReply.Rejected(7, 1, ClientReply.Reason.NOT_LEADER, 2)), ready.replies());
        assertTrue(ready.messages().isEmpty());
    }
}
