package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.testkit.commit.KvResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A pause of the whole process (a GC pause, a busy machine) is not taken for the participants'
 * silence: the coordinator's driver delivers only a few of the ticks it missed, so votes that come
 * just after the pause still count. Time is a clock the test moves.
 */
class PauseTest {

    private static final long TICK = 1_000;
    private CommitNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void votesThatWaitedOutAPauseStillCommit() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        Clock clock = () -> {
            reads.incrementAndGet();
            return now.get();
        };
        Inbox inbox = new Inbox(1);
        node = CommitNode.start(TwoPhaseCommit.defaults(), 1, new int[] {1, 2, 3}, inbox, new MemoryLogStore(),
            new MemoryHardStateStore(), new MemoryHardStateStore(), new KvResource(), clock, TICK);
        CompletableFuture<Outcome> outcome = node.run(Map.of(2, KvResource.put("a", "1"), 3, KvResource.put("b", "1")));
        eventually(() -> inbox.sent.size() == 2); // both prepares are out
        TransactionId t = ((TwoPhaseMessage.Prepare) inbox.sent.get(0).message()).transaction();

        // every thread stood still for 100 vote timeouts' worth of ticks; the coordinator's resumes first
        now.addAndGet(100L * TwoPhaseCommit.defaults().voteTimeoutTicks() * TICK);
        long seen = reads.get();
        eventually(() -> reads.get() > seen + 10); // it has taken several turns at the new time
        // then the participants, paused as long, answer
        inbox.arrive(new Envelope(2, 1, new TwoPhaseMessage.Vote(t, true, "")));
        inbox.arrive(new Envelope(3, 1, new TwoPhaseMessage.Vote(t, true, "")));

        assertInstanceOf(Outcome.Committed.class, outcome.get(30, TimeUnit.SECONDS));
    }

    /** Polls a condition the node's thread makes true, with a bound generous for a loaded machine. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(1);
        }
    }
}
