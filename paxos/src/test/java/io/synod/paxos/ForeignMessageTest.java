package io.synod.paxos;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.Message;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.paxos.basic.BasicPaxos;
import io.synod.paxos.multi.MultiPaxos;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A message the core cannot take is refused with {@link InvalidMessageException}, the one
 * exception the runtime drops and counts instead of stopping the replica, and the core is left
 * with nothing to do.
 */
class ForeignMessageTest {

    private record Foreign() implements Message {
    }

    private static ProtocolContext node1() {
        return new ProtocolContext(1, new int[] {1, 2, 3}, new int[0], new SplittableRandom(7), Recovered.EMPTY);
    }

    @Test
    void multiPaxosRefusesAnotherProtocolsMessage() {
        ProtocolCore core = MultiPaxos.builder().build().create(node1());
        drain(core);
        assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(2, 1, new Foreign())));
        assertFalse(core.hasReady(), "a refused message changes nothing");
    }

    @Test
    void multiPaxosRefusesAMessageForAnotherNode() {
        ProtocolCore core = MultiPaxos.builder().build().create(node1());
        drain(core);
        assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(2, 3, new Foreign())));
        assertFalse(core.hasReady(), "a refused message changes nothing");
    }

    @Test
    void basicPaxosRefusesAnotherProtocolsMessage() {
        ProtocolCore core = BasicPaxos.builder().build().create(node1());
        drain(core);
        assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(2, 1, new Foreign())));
        assertFalse(core.hasReady(), "a refused message changes nothing");
    }

    private static void drain(ProtocolCore core) {
        while (core.hasReady()) {
            core.ready();
        }
    }
}
