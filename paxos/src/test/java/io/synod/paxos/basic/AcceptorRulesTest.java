package io.synod.paxos.basic;

import io.synod.api.Ready;
import io.synod.protocol.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptor's rules ("Paxos Made Simple", §2.2), one slot at a time, as transcripts. */
class AcceptorRulesTest {

    @Test
    void acceptorPromisesAndPersistsThePromiseInTheBatchThatSendsIt() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        Ready ready = node.step(2, new Prepare(1, b(1, 2)));
        assertEquals(List.of(new Promise(1, b(1, 2), Ballot.ZERO, null)), sent(ready, Promise.class));
        assertEquals(List.of(2), recipients(ready, Promise.class));
        assertNotNull(ready.hardState(), "the promise must be stored with the batch that carries it");
        assertEquals(b(1, 2), node.durable().slots().get(1L).promised());
    }

    @Test
    void acceptorNacksPrepareBelowPromise() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(3, new Prepare(1, b(2, 3)));
        Ready ready = node.step(2, new Prepare(1, b(1, 2)));
        assertTrue(sent(ready, Promise.class).isEmpty());
        assertEquals(List.of(new Nack(1, b(1, 2), b(2, 3))), sent(ready, Nack.class));
        assertEquals(b(2, 3), node.durable().slots().get(1L).promised(), "a refused prepare changes no promise");
    }

    @Test
    void ballotsOrderByRoundThenNode() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(3, new Prepare(1, b(1, 3)));
        assertEquals(1, sent(node.step(2, new Prepare(1, b(1, 2))), Nack.class).size(), "1.2 is below 1.3");
        assertEquals(1, sent(node.step(2, new Prepare(1, b(2, 2))), Promise.class).size(), "2.2 is above 1.3");
    }

    @Test
    void promiseReportsTheHighestAcceptedBallotAndValue() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accept(1, b(1, 2), v("first")));
        node.step(3, new Accept(1, b(2, 3), v("second")));
        Ready ready = node.step(2, new Prepare(1, b(3, 2)));
        assertEquals(List.of(new Promise(1, b(3, 2), b(2, 3), v("second"))), sent(ready, Promise.class));
    }

    @Test
    void acceptorRefusesAcceptBelowPromise() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(3, new Prepare(1, b(2, 3)));
        Ready ready = node.step(2, new Accept(1, b(1, 2), v("late")));
        assertTrue(sent(ready, Accepted.class).isEmpty());
        assertEquals(List.of(new Nack(1, b(1, 2), b(2, 3))), sent(ready, Nack.class));
        assertNull(node.durable().slots().get(1L).acceptedValue(), "nothing was accepted");
    }

    @Test
    void acceptorAcceptsAtItsPromiseAndPersistsBeforeTellingLearnersAndProposer() {
        BasicPaxos protocol = BasicPaxos.builder().learners(1, 2, 3).build();
        Transcript node = new Transcript(1, protocol, 1, 2, 3, 9);
        node.step(9, new Prepare(1, b(1, 9)));
        Ready ready = node.step(9, new Accept(1, b(1, 9), v("x")));
        assertNotNull(ready.hardState());
        assertArrayEquals(v("x"), node.durable().slots().get(1L).acceptedValue());
        assertEquals(List.of(1, 2, 3, 9), recipients(ready, Accepted.class),
            "every learner and the proposer (9, not a learner) hear of the acceptance");
        assertEquals(new Accepted(1, b(1, 9), v("x")), sent(ready, Accepted.class).get(0));
    }

    @Test
    void acceptorSlotsAreIndependent() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(3, new Prepare(1, b(5, 3)));
        Ready ready = node.step(2, new Prepare(2, b(1, 2)));
        assertEquals(List.of(new Promise(2, b(1, 2), Ballot.ZERO, null)), sent(ready, Promise.class),
            "a promise in slot 1 binds nothing in slot 2");
    }

    @Test
    void acceptorKeepsItsPromiseAcrossARestart() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(3, new Prepare(1, b(2, 3)));
        node.step(3, new Accept(1, b(2, 3), v("kept")));
        node.restart();
        assertEquals(List.of(new Nack(1, b(1, 2), b(2, 3))), sent(node.step(2, new Prepare(1, b(1, 2))), Nack.class));
        assertEquals(List.of(new Promise(1, b(3, 2), b(2, 3), v("kept"))),
            sent(node.step(2, new Prepare(1, b(3, 2))), Promise.class));
    }

    @Test
    void acceptorAnswersADecidedSlotWithTheDecisionInsteadOfVoting() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accepted(1, b(1, 2), v("won")));
        node.step(3, new Accepted(1, b(1, 2), v("won")));
        assertEquals(1, node.core.learner().chosenIndex());
        Ready ready = node.step(3, new Prepare(1, b(9, 3)));
        assertTrue(sent(ready, Promise.class).isEmpty());
        assertEquals(List.of(new Chosen(1, b(1, 2), v("won"))), sent(ready, Chosen.class));
        assertTrue(sent(node.step(3, new Accept(1, b(9, 3), v("other"))), Accepted.class).isEmpty());
    }

    @Test
    void acceptorForgetsASlotsVotesOnlyAfterItsDecisionWasDurable() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        node.step(2, new Accept(1, b(1, 2), v("won")));
        assertTrue(node.step(3, new Accepted(1, b(1, 2), v("won"))).entries().isEmpty(), "one vote decides nothing");
        Ready decided = node.step(2, new Accepted(1, b(1, 2), v("won")));
        assertEquals(1, decided.entries().size(), "the decision is logged");
        assertTrue(node.durable().slots().containsKey(1L), "votes stay while the decision is not yet durable");
        node.step(2, new Prepare(2, b(1, 2)));
        assertFalse(node.durable().slots().containsKey(1L), "the next batch drops the decided slot's votes");
        assertTrue(node.durable().slots().containsKey(2L));
    }
}
