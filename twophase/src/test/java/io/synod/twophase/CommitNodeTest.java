package io.synod.twophase;

import io.synod.api.commit.Outcome;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.testkit.commit.KvResource;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-phase commit through the commit driver: real threads, the in-JVM transport, memory stores. */
class CommitNodeTest {

    private static final int[] NODES = {1, 2, 3};
    private final InJvmNetwork network = new InJvmNetwork();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final KvResource[] resources = {null, new KvResource(), new KvResource(), new KvResource()};
    private final MemoryLogStore[] logs = {null, new MemoryLogStore(), new MemoryLogStore(), new MemoryLogStore()};
    private final MemoryHardStateStore numbers = new MemoryHardStateStore();

    /** Ticks of 50 ms: timeouts of a second or more, far above what a loaded machine takes for a round trip. */
    private CommitNode start(int id) {
        io.synod.spi.Transport transport = network.join(id);
        CommitNode node = CommitNode.start(TwoPhaseCommit.defaults(), id, NODES, transport, logs[id],
            new MemoryHardStateStore(), id == 1 ? numbers : new MemoryHardStateStore(), resources[id], Clock.system(), 50_000_000);
        started.add(transport);
        started.add(node);
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aCallerGetsTheTypedOutcomeOfItsTransaction() throws Exception {
        CommitNode coordinator = start(1);
        start(2);
        start(3);
        Outcome ok = coordinator.run(Map.of(2, KvResource.put("alice", "90"), 3, KvResource.put("bob", "110")))
            .get(30, TimeUnit.SECONDS);
        assertInstanceOf(Outcome.Committed.class, ok);
        // the caller hears the commit once it is recorded; participants apply it a message later
        eventually(() -> "90".equals(resources[2].value("alice")) && "110".equals(resources[3].value("bob")));
        Outcome no = coordinator.run(Map.of(2, KvResource.put("alice", "0"), 3, KvResource.refuse("bob's account is closed")))
            .get(30, TimeUnit.SECONDS);
        Outcome.Aborted aborted = assertInstanceOf(Outcome.Aborted.class, no);
        assertEquals(Outcome.Reason.VOTED_NO, aborted.reason());
        assertEquals("bob's account is closed", aborted.detail());
        eventually(() -> !resources[2].locked("alice"));
        assertEquals("90", resources[2].value("alice"), "the abort left alice's balance alone");
    }

    /** Polls a condition another thread makes true, with a bound generous for a loaded machine. */
    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aRestartedCoordinatorNeverReusesATransactionNumber() throws Exception {
        start(2);
        start(3);
        CommitNode first = start(1);
        Outcome a = first.run(Map.of(2, KvResource.put("x", "1"), 3, KvResource.put("y", "1"))).get(30, TimeUnit.SECONDS);
        first.close();
        started.get(started.indexOf(first) - 1).close(); // its transport, so node 1 can join again
        CommitNode second = start(1);
        Outcome b = second.run(Map.of(2, KvResource.put("x", "2"), 3, KvResource.put("y", "2"))).get(30, TimeUnit.SECONDS);
        assertNotEquals(a.transaction(), b.transaction());
        assertTrue(b.committed(), b.toString());
    }
}
