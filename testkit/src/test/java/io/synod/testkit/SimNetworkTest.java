package io.synod.testkit;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.testkit.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimNetworkTest {

    private record Ping(int n) implements Message {
    }

    @Test
    void aLinkCutByTwoPartitionsStaysCutUntilBothHeal() {
        EventQueue queue = new EventQueue();
        List<Envelope> arrived = new ArrayList<>();
        SimulationStats stats = new SimulationStats();
        SimNetwork net = new SimNetwork(3, queue, new SplittableRandom(1), new Trace(false), (e, at) -> arrived.add(e),
            stats, 0, 0, 1_000, 0);
        net.block(1, 2);
        net.block(1, 2);
        net.unblock(1, 2);
        net.send(new Envelope(1, 2, new Ping(1)));
        net.unblock(1, 2);
        net.send(new Envelope(1, 2, new Ping(2)));
        while (!queue.isEmpty()) {
            net.now(queue.peekTime());
            queue.poll().run();
        }
        assertEquals(List.of(new Envelope(1, 2, new Ping(2))), arrived, "the first ping met the second partition");
        assertEquals(1, stats.partitioned());
    }
}
