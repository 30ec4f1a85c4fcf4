package io.synod.paxos.basic;

import io.synod.api.Ready;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.basic.Transcript.b;
import static io.synod.paxos.basic.Transcript.sent;
import static io.synod.paxos.basic.Transcript.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose log lost decisions it had logged (storage found the tail damaged and dropped it,
 * {@code Recovered.suspectFrom}) after its acceptor had dropped the votes of those slots: it may
 * have been part of the quorum that chose them and must not vote there again until it has
 * re-learned them; everywhere else it votes as before.
 */
class DamagedLogTest {

    /** Node 1 votes for slots 1..3, learns all three decisions, and drops their votes. */
    private static Transcript decidedThrough3() {
        Transcript node = Transcript.node(1, 1, 2, 3);
        for (long slot = 1; slot <= 3; slot++) {
            node.step(2, new Accept(slot, b(1, 2), v("v" + slot)));
            node.step(2, new Chosen(slot, b(1, 2), v("v" + slot)));
        }
        node.step(2, new Prepare(9, b(1, 2))); // a later batch: the decisions above are durable, their votes go
        assertEquals(3, node.durable().forgottenThrough(), "the hard state records which votes it dropped");
        assertTrue(node.durable().slots().headMap(3L, true).isEmpty(), "votes of decided slots are dropped");
        return node;
    }

    @Test
    void aNodeThatLostDecisionsStaysSilentInThoseSlotsUntilItReLearnsThem() {
        Transcript node = decidedThrough3();
        // The log's tail record (slot 3) and what followed it were found damaged and dropped.
        node.log.subList(1, node.log.size()).clear();
        node.restart();

        for (long slot = 2; slot <= 3; slot++) {
            Ready prepare = node.step(3, new Prepare(slot, b(5, 3)));
            Ready accept = node.step(3, new Accept(slot, b(5, 3), v("other")));
            assertTrue(sent(prepare, Promise.class).isEmpty() && sent(accept, Accepted.class).isEmpty(),
                "slot " + slot + ": node 1 may have helped choose v" + slot + " there; a vote now could help choose another value");
        }
        assertEquals(1, sent(node.step(3, new Prepare(4, b(5, 3))), Promise.class).size(), "slots it never dropped are unaffected");

        node.step(2, new Chosen(2, b(1, 2), v("v2")));
        node.step(2, new Chosen(3, b(1, 2), v("v3")));
        Ready asked = node.step(3, new Prepare(3, b(6, 3)));
        assertEquals(List.of(new Chosen(3, b(1, 2), v("v3"))), sent(asked, Chosen.class),
            "once re-learned, the node answers with the decision, as for any decided slot");
    }

    @Test
    void aNodeWithItsWholeLogVotesAsBefore() {
        Transcript node = decidedThrough3();
        node.restart();
        assertEquals(1, sent(node.step(3, new Prepare(3, b(5, 3))), Chosen.class).size(), "a decided slot gets its decision");
        assertEquals(1, sent(node.step(3, new Prepare(4, b(5, 3))), Promise.class).size());
    }

    @Test
    void aNodeWhoseOnlySnapshotWasDamagedReLearnsEverything() {
        Transcript node = decidedThrough3();
        node.log.clear(); // Recovered(hardState, null, [], suspectFrom = 1): nothing but the hard state is left
        node.restart();
        assertTrue(sent(node.step(3, new Prepare(1, b(5, 3))), Promise.class).isEmpty());
        assertEquals(3, node.core.learner().highestSeen(), "the learner knows it is behind and catches up at once");
    }
}
