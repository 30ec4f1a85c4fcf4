package io.synod.api.commit;

import io.synod.api.LogEntry;
import io.synod.api.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit contract's values refuse what they cannot mean, and its effects keep the order the contract states. */
class CommitContractTest {

    private record Ping() implements Message {
    }

    private static final TransactionId T = new TransactionId(1, 7);

    @Test
    void aTransactionNamesItsParticipantsAndTheirParts() {
        Transaction t = Transaction.of(T, Map.of(3, new byte[] {3}, 2, new byte[] {2}));
        assertArrayEquals(new int[] {2, 3}, t.participants());
        assertArrayEquals(new byte[] {3}, t.payload(3));
        assertTrue(t.involves(2) && !t.involves(1));
        assertThrows(IllegalArgumentException.class, () -> t.payload(1));
        assertThrows(UnsupportedOperationException.class, () -> t.payloads().put(4, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of(T, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of(T, Map.of(70_000, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of(null, Map.of(2, new byte[0])));
    }

    @Test
    void idsVotesAndOutcomesRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new TransactionId(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransactionId(-1, 1));
        assertTrue(new TransactionId(1, 2).compareTo(new TransactionId(2, 1)) < 0);
        assertEquals("t1.7", T.toString());
        assertTrue(Vote.YES.yes());
        assertFalse(Vote.no("locked").yes());
        assertThrows(IllegalArgumentException.class, () -> new Vote(true, "but"));
        assertThrows(IllegalArgumentException.class, () -> Vote.no(null));
        assertTrue(new Outcome.Committed(T).committed());
        assertFalse(new Outcome.Aborted(T, Outcome.Reason.NO_VOTE, 3, "").committed());
        assertThrows(IllegalArgumentException.class, () -> new Outcome.Aborted(T, null, 3, ""));
    }

    @Test
    void effectsNumberRecordsOnFromTheLogAndDrainInOneBatch() {
        CommitEffects fx = new CommitEffects(1, 41);
        assertFalse(fx.hasPending());
        assertSame(CommitReady.EMPTY, fx.drain());
        assertEquals(42, fx.record(new byte[] {1}));
        assertEquals(43, fx.record(new byte[] {2}));
        fx.release(42);
        fx.send(new int[] {2, 3}, new Ping());
        fx.prepare(T, new byte[] {9});
        fx.commit(T);
        fx.outcome(new Outcome.Committed(T));
        CommitReady ready = fx.drain();
        assertEquals(List.of(42L, 43L), ready.records().stream().map(LogEntry::index).toList());
        assertEquals(42, ready.releaseThrough());
        assertEquals(2, ready.messages().size());
        assertEquals(List.of(ResourceCall.Prepare.class, ResourceCall.Commit.class),
            ready.resourceCalls().stream().map(Object::getClass).toList());
        assertTrue(ready.mustPersist());
        assertFalse(fx.hasPending(), "a drained batch starts over");
        assertEquals(44, fx.record(new byte[] {3}), "numbering goes on across batches");
        assertThrows(IllegalArgumentException.class, () -> fx.release(45));
    }

    @Test
    void aContextRefusesAGapInItsRecordsAndKnowsWhereTheyEnd() {
        List<LogEntry> records = List.of(new LogEntry(5, 0, new byte[0]), new LogEntry(6, 0, new byte[0]));
        CommitContext context = new CommitContext(1, new int[] {1, 2}, new SplittableRandom(1), new byte[0], records);
        assertEquals(6, context.lastRecord());
        assertThrows(IllegalArgumentException.class, () -> new CommitContext(1, new int[] {1, 2}, new SplittableRandom(1),
            new byte[0], List.of(new LogEntry(5, 0, new byte[0]), new LogEntry(7, 0, new byte[0]))));
        assertThrows(IllegalArgumentException.class, () -> new CommitContext(3, new int[] {1, 2}, new SplittableRandom(1),
            new byte[0], List.of()));
        assertEquals(0, new CommitContext(1, new int[] {1}, new SplittableRandom(1), new byte[0], List.of()).lastRecord());
    }
}
