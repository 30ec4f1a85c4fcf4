package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.spi.Transport;
import io.synod.testkit.commit.DurabilityJournal;
import io.synod.testkit.commit.KvResource;
import io.synod.transport.InJvmNetwork;
import io.synod.twophase.paxoscommit.PaxosCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commit driver's group commit: inputs that wait together share one forced write, and no
 * message leaves before the records of its batch are synced.
 */
class GroupCommitTest {

    /** Ticks of an hour: no timeout interferes with what these tests count. */
    private static final long NO_TICKS = TimeUnit.HOURS.toNanos(1);
    private static final int TRANSACTIONS = 64;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void preparesThatArriveTogetherShareOneForcedWrite() throws Exception {
        DurabilityJournal journal = participantAnswers(TRANSACTIONS, CommitNode.DEFAULT_MAX_BATCH);
        assertEquals(List.of(), journal.violations(), "every vote leaves after its prepared record is synced");
        assertEquals(1, journal.syncs(), TRANSACTIONS + " prepares that wait together share one forced write");
    }

    /** The control: with group commit off the same prepares are synced one by one, and the count above would see it. */
    @Test
    void withoutGroupCommitEachPrepareIsSyncedAlone() throws Exception {
        DurabilityJournal journal = participantAnswers(TRANSACTIONS, 1);
        assertEquals(List.of(), journal.violations());
        assertEquals(TRANSACTIONS, journal.syncs());
    }

    /** Participant 2 finds {@code count} prepares waiting when it starts, and answers every one yes. */
    private DurabilityJournal participantAnswers(int count, int maxBatch) throws Exception {
        Inbox inbox = new Inbox(2);
        for (int n = 1; n <= count; n++) {
            inbox.arrive(new Envelope(1, 2, new TwoPhaseMessage.Prepare(new TransactionId(1, n), new int[] {2},
                KvResource.put("k" + n, "v"))));
        }
        DurabilityJournal journal = new DurabilityJournal();
        started.add(CommitNode.start(TwoPhaseCommit.defaults(), 2, new int[] {1, 2}, journal.transport(inbox),
            journal.log(new MemoryLogStore()), new MemoryHardStateStore(), new MemoryHardStateStore(), new KvResource(),
            Clock.system(), NO_TICKS, maxBatch));
        eventually(() -> inbox.sent.size() == count);
        for (Envelope e : inbox.sent) {
            assertTrue(e.message() instanceof TwoPhaseMessage.Vote v && v.yes(), e.toString());
        }
        return journal;
    }

    @Test
    void twoPhaseCommitSendsNothingBeforeItsRecordsAreDurable() throws Exception {
        concurrentTransactionsKeepTheOrder(TwoPhaseCommit.defaults());
    }

    @Test
    void paxosCommitSendsNothingBeforeItsRecordsAreDurable() throws Exception {
        concurrentTransactionsKeepTheOrder(PaxosCommit.defaults());
    }

    private void concurrentTransactionsKeepTheOrder(CommitProtocol protocol) throws Exception {
        int[] nodes = {1, 2, 3, 4};
        InJvmNetwork network = new InJvmNetwork();
        DurabilityJournal[] journals = new DurabilityJournal[nodes.length + 1];
        CommitNode coordinator = null;
        for (int id : nodes) {
            journals[id] = new DurabilityJournal();
            Transport transport = network.join(id);
            started.add(transport);
            CommitNode node = CommitNode.start(protocol, id, nodes, journals[id].transport(transport),
                journals[id].log(new MemoryLogStore()), new MemoryHardStateStore(), new MemoryHardStateStore(), new KvResource(),
                Clock.system(), TimeUnit.MILLISECONDS.toNanos(50));
            started.add(node);
            coordinator = id == 1 ? node : coordinator;
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (int n = 0; n < TRANSACTIONS; n++) {
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

    /** Polls a condition the node's thread makes true, with a bound generous for a loaded machine. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}
