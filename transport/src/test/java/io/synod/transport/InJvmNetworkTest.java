package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.Transport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InJvmNetworkTest {

    record Note(int n) implements Message {
    }

    private final InJvmNetwork network = new InJvmNetwork(4);
    private final Transport one = network.join(1);
    private final Transport two = network.join(2);

    private List<Envelope> drain(Transport t) {
        List<Envelope> got = new ArrayList<>();
        t.poll(got::add, 100);
        return got;
    }

    @Test
    void messagesArriveInOrderAtTheirAddressee() {
        one.send(new Envelope(1, 2, new Note(1)));
        one.send(new Envelope(1, 2, new Note(2)));
        one.send(new Envelope(1, 1, new Note(3)));
        assertEquals(List.of(new Envelope(1, 2, new Note(1)), new Envelope(1, 2, new Note(2))), drain(two));
        assertEquals(List.of(new Envelope(1, 1, new Note(3))), drain(one));
    }

    @Test
    void aCutLinkDropsOneDirectionUntilHealed() {
        network.cut(1, 2);
        one.send(new Envelope(1, 2, new Note(1)));
        two.send(new Envelope(2, 1, new Note(2)));
        assertEquals(List.of(), drain(two));
        assertEquals(1, drain(one).size());
        network.heal();
        one.send(new Envelope(1, 2, new Note(3)));
        assertEquals(1, drain(two).size());
        assertEquals(1, network.dropped());
    }

    @Test
    void aFullInboxOrAnAbsentNodeDropsInsteadOfBlocking() {
        for (int i = 0; i < 10; i++) {
            one.send(new Envelope(1, 2, new Note(i)));
        }
        one.send(new Envelope(1, 9, new Note(0)));
        assertEquals(4, drain(two).size());
        assertEquals(7, network.dropped());
    }

    @Test
    void aClosedNodeCanRejoinButNotBeJoinedTwice() {
        assertThrows(IllegalStateException.class, () -> network.join(2));
        two.close();
        one.send(new Envelope(1, 2, new Note(1)));
        Transport again = network.join(2);
        one.send(new Envelope(1, 2, new Note(2)));
        assertEquals(List.of(new Envelope(1, 2, new Note(2))), drain(again));
    }

    @Test
    void aNodeCannotSendInAnotherNodesName() {
        assertThrows(IllegalArgumentException.class, () -> one.send(new Envelope(2, 1, new Note(1))));
    }

    @Test
    void aRegisteredWakeRunsOnceForEachQueuedArrivalAndNotForADroppedOne() {
        List<Integer> queuedAtWake = new ArrayList<>();
        // What the wake sees is what the poller would find: the message is queued before it runs.
        two.onArrival(() -> queuedAtWake.add(drain(two).size()));
        one.send(new Envelope(1, 2, new Note(1)));
        one.send(new Envelope(1, 2, new Note(2)));
        network.cut(1, 2);
        one.send(new Envelope(1, 2, new Note(3)));
        assertEquals(List.of(1, 1), queuedAtWake);
    }
}
