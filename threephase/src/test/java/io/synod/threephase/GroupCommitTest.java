package io.synod.threephase;

import io.synod.api.commit.Outcome;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.spi.Transport;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.testkit.commit.DurabilityJournal;
import io.synod.testkit.commit.KvResource;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three-phase commit through the group-committing driver: no message leaves before its batch is durable. */
class GroupCommitTest {

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void concurrentTransactionsSendNothingBeforeTheirRecordsAreDurable() throws Exception {
        int[] nodes = {1, 2, 3, 4};
        InJvmNetwork network = new InJvmNetwork();
        DurabilityJournal[] journals = new DurabilityJournal[nodes.length + 1];
        CommitNode coordinator = null;
        for (int id : nodes) {
            journals[id] = new DurabilityJournal();
            Transport transport = network.join(id);
            started.add(transport);
            CommitNode node = CommitNode.start(ThreePhaseCommit.defaults(), id, nodes, journals[id].transport(transport),
                journals[id].log(new MemoryLogStore()), new MemoryHardStateStore(), new MemoryHardStateStore(), new KvResource(),
                Clock.system(), TimeUnit.MILLISECONDS.toNanos(50));
            started.add(node);
            coordinator = id == 1 ? node : coordinator;
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (int n = 0; n < 64; n++) {
            outcomes.add(coordinator.run(Map.of(2, KvResource.put("a" + n, "1"), 3, KvResource.put("b" + n, "1"),
                4, KvResource.put("c" + n, "1"))));
        }
        for (CompletableFuture<Outcome> f : outcomes) {
            Outcome o = f.get(60, TimeUnit.SECONDS);
            assertTrue(o.committed(), o.toString());
        }
        for (int id : nodes) {
            assertTrue(journals[id].sends() > 0, "node " + id + " took part");
            assertEquals(List.of(), journals[id].violations(), "node " + id + " sent a message before its records were durable");
        }
    }
}
