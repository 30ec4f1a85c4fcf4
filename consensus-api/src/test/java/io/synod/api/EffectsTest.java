package io.synod.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectsTest {

    private final Effects effects = new Effects(1);

    private static LogEntry entry(long index, long term) {
        return new LogEntry(index, term, CommandBatch.NOOP);
    }

    @Test
    void anEmptyBatchDrainsToTheEmptyReady() {
        assertFalse(effects.hasPending());
        assertSame(Ready.EMPTY, effects.drain());
    }

    @Test
    void appendingAtAnEarlierIndexReplacesTheTailOfTheBatch() {
        effects.append(entry(5, 1));
        effects.append(entry(6, 1));
        effects.append(entry(7, 1));
        effects.append(entry(6, 2));
        Ready ready = effects.drain();
        assertEquals(List.of(entry(5, 1), entry(6, 2)), ready.entries());
        assertEquals(0, ready.truncateFrom(), "the rewrite stays inside the batch, nothing on disk is discarded");
    }

    @Test
    void appendingBelowTheBatchTruncatesTheStoredLog() {
        effects.append(entry(5, 1));
        effects.append(entry(3, 2));
        Ready ready = effects.drain();
        assertEquals(List.of(entry(3, 2)), ready.entries());
        assertEquals(3, ready.truncateFrom());
    }

    @Test
    void truncationKeepsTheLowestIndexAndDropsLaterAppends() {
        effects.append(entry(8, 1));
        effects.truncateFrom(9);
        effects.truncateFrom(7);
        Ready ready = effects.drain();
        assertEquals(7, ready.truncateFrom());
        assertTrue(ready.entries().isEmpty());
    }

    @Test
    void aHardStateAfterTheLogIsMarkedSoAndTheLastCallWinsWithItsOrder() {
        effects.persistHardState(new byte[] {1});
        effects.persistHardStateAfterLog(new byte[] {2});
        effects.append(entry(1, 1));
        Ready ready = effects.drain();
        assertArrayEquals(new byte[] {2}, ready.hardState());
        assertTrue(ready.hardStateAfterLog());
        effects.persistHardStateAfterLog(new byte[] {3});
        effects.persistHardState(new byte[] {4});
        Ready next = effects.drain();
        assertArrayEquals(new byte[] {4}, next.hardState());
        assertFalse(next.hardStateAfterLog(), "the default order: hard state first");
        assertFalse(effects.drain().hardStateAfterLog());
    }

    @Test
    void snapshotRecipientsGatherOnceEachAndNeedNoPersist() {
        effects.sendSnapshot(3);
        effects.sendSnapshot(2);
        effects.sendSnapshot(3);
        assertTrue(effects.hasPending());
        Ready ready = effects.drain();
        assertEquals(List.of(3, 2), ready.snapshotRecipients());
        assertFalse(ready.mustPersist());
        assertFalse(ready.isEmpty());
        assertTrue(effects.drain().snapshotRecipients().isEmpty());
    }

    @Test
    void drainStartsAFreshBatch() {
        effects.persistHardState(new byte[] {7});
        effects.send(2, new Message() { });
        Ready first = effects.drain();
        assertEquals(1, first.messages().size());
        assertEquals(new Envelope(1, 2, first.messages().get(0).message()), first.messages().get(0));
        Ready second = effects.drain();
        assertNull(second.hardState());
        assertTrue(second.isEmpty());
    }

    @Test
    void earlyMessagesGatherApartFromTheOthersAndInOrder() {
        Message proposal = new Message() { };
        Message ack = new Message() { };
        effects.send(3, ack);
        effects.sendEarly(new int[] {2, 3}, proposal);
        Ready ready = effects.drain();
        assertEquals(List.of(new Envelope(1, 2, proposal), new Envelope(1, 3, proposal)), ready.earlyMessages());
        assertEquals(List.of(new Envelope(1, 3, ack)), ready.messages());
        assertEquals(List.of(new Envelope(1, 2, proposal), new Envelope(1, 3, proposal), new Envelope(1, 3, ack)),
            ready.allMessages(), "early ones first");
        assertTrue(effects.drain().earlyMessages().isEmpty(), "drain starts a fresh list of early messages");
    }

    @Test
    void aBatchWithOnlyAnEarlyMessageIsPendingButNeedsNoPersist() {
        effects.sendEarly(2, new Message() { });
        assertTrue(effects.hasPending());
        Ready ready = effects.drain();
        assertFalse(ready.isEmpty());
        assertFalse(ready.mustPersist());
        assertEquals(1, ready.allMessages().size());
    }

    @Test
    void theEmptyReadyHasNoEarlyMessages() {
        assertTrue(Ready.EMPTY.earlyMessages().isEmpty());
        assertTrue(Ready.EMPTY.allMessages().isEmpty());
        assertTrue(Ready.EMPTY.isEmpty());
    }
}
