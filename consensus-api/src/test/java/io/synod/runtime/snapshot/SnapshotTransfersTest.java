package io.synod.runtime.snapshot;

import io.synod.api.Envelope;
import io.synod.api.SnapshotMeta;
import io.synod.runtime.snapshot.SnapshotTransferMessage.ChunkAck;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes' {@link SnapshotTransfers} over a network this test controls: chunks and acks may be
 * lost, duplicated, reordered or damaged, and the receiver must still end with exactly the
 * sender's bytes, installed once.
 */
class SnapshotTransfersTest {

    private static final SnapshotTransferConfig SMALL = new SnapshotTransferConfig(4096, 4, 3, 60);

    /** Node 1 sends, node 2 receives. */
    private final class Pair {
        final BytesSnapshotStore senderStore = new BytesSnapshotStore();
        final BytesSnapshotStore receiverStore = new BytesSnapshotStore();
        final List<SnapshotMeta> installs = new ArrayList<>();
        final List<String> confirmed = new ArrayList<>();
        final ArrayDeque<Envelope> wire = new ArrayDeque<>();
        final List<Envelope> sent = new ArrayList<>();
        long receiverApplied;
        final SnapshotTransfers sender;
        final SnapshotTransfers receiver;

        Pair(SnapshotTransferConfig config) {
            sender = new SnapshotTransfers(1, senderStore, config, () -> 0, s -> { }, (peer, s) -> confirmed.add(peer + ":" + s),
                this::post, 100);
            receiver = new SnapshotTransfers(2, receiverStore, config, () -> receiverApplied, s -> {
                installs.add(s);
                receiverApplied = s.index();
            }, (peer, s) -> { }, this::post, 900);
        }

        private void post(Envelope e) {
            sent.add(e);
            wire.addLast(e);
        }

        /**
         * Delivers what is on the wire, passing each through {@code fault}. A tick passes when the
         * wire is empty and after every {@code perTick} deliveries: time moves slowly against the
         * network, as 50 ms ticks do against a LAN's round trips.
         */
        void run(int maxSteps, Fault fault, int perTick) {
            for (int step = 1; step <= maxSteps && (!wire.isEmpty() || sender.sendingTo(2)); step++) {
                Envelope e = wire.pollFirst();
                if (e != null) {
                    for (Envelope delivered : fault.apply(e, wire)) {
                        deliver(delivered);
                    }
                }
                if (e == null || step % perTick == 0) {
                    sender.tick();
                    receiver.tick();
                }
            }
        }

        void deliver(Envelope e) {
            try {
                (e.to() == 1 ? sender : receiver).onEnvelope(e);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @FunctionalInterface
    interface Fault {
        List<Envelope> apply(Envelope e, ArrayDeque<Envelope> wire);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void aSnapshotManyChunksLongArrivesWholeAndIsInstalledOnce() throws IOException {
        Pair p = new Pair(SMALL);
        byte[] state = bytes(1_000_003, 1);
        p.senderStore.put(500, 7, state);
        p.sender.send(2);
        p.run(100_000, (e, wire) -> List.of(e), 1_000);
        assertEquals(List.of(new SnapshotMeta(500, 7)), p.installs);
        assertArrayEquals(state, p.receiverStore.data.get(500L));
        assertEquals(1, p.sender.completed());
        assertEquals(List.of("2:snapshot 500@7"), p.confirmed, "the sending core hears the peer holds it");
        assertFalse(p.sender.sendingTo(2));
        assertEquals(0, p.receiverStore.open, "the sink was committed");
        long chunks = p.sent.stream().filter(e -> e.message() instanceof SnapshotChunk).count();
        assertEquals(1_000_003 / 4096 + 1, chunks, "each chunk once on a clean network");
    }

    @Test
    void aSnapshotReplacedBetweenItsChoiceAndItsOpeningIsSentAsItsSuccessor() throws IOException {
        Pair p = new Pair(SMALL);
        p.senderStore.put(10, 1, bytes(50_000, 3));
        byte[] newer = bytes(60_000, 4);
        // The snapshot thread commits a newer one, and the store (keeping one) drops the older, just as it is opened.
        p.senderStore.beforeOpen = () -> {
            p.senderStore.data.remove(10L);
            p.senderStore.terms.remove(10L);
            p.senderStore.put(20, 1, newer);
        };
        p.sender.send(2);
        p.run(100_000, (e, wire) -> List.of(e), 1_000);
        assertEquals(List.of(new SnapshotMeta(20, 1)), p.installs);
        assertArrayEquals(newer, p.receiverStore.data.get(20L));
    }

    @Test
    void aSnapshotThatCannotBeReadWhileStillTheNewestIsTheStoresFault() {
        Pair p = new Pair(SMALL);
        p.senderStore.put(10, 1, bytes(50_000, 3));
        p.senderStore.beforeOpen = () -> p.senderStore.data.put(10L, null);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> p.sender.send(2));
        assertTrue(e.getMessage().contains("gone"), e.getMessage());
        assertFalse(p.sender.sendingTo(2));
    }

    @Test
    void neverMoreThanTheWindowIsUnacknowledged() throws IOException {
        Pair p = new Pair(SMALL);
        p.senderStore.put(10, 1, bytes(200_000, 2));
        p.sender.send(2);
        // Hold every ack: the sender may put only the window's worth of chunks on the wire.
        long chunks = p.wire.stream().filter(e -> e.message() instanceof SnapshotChunk).count();
        assertEquals(SMALL.window(), chunks);
        Envelope first = p.wire.pollFirst();
        p.deliver(first);
        Envelope ack = p.wire.pollLast();
        assertTrue(ack.message() instanceof ChunkAck a && a.received() == 4096, "acked through the first chunk: " + ack);
        int before = p.wire.size();
        p.deliver(ack);
        assertEquals(before + 1, p.wire.size(), "one ack frees room for exactly one more chunk");
    }

    @Test
    void lossDuplicationAndReorderingStillDeliverTheExactBytes() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Pair p = new Pair(SMALL);
            byte[] state = bytes(100_000 + (int) seed * 777, seed);
            p.senderStore.put(50, 3, state);
            p.sender.send(2);
            p.run(200_000, (e, wire) -> {
                int roll = random.nextInt(100);
                if (roll < 20) {
                    return List.of(); // lost
                }
                if (roll < 30) {
                    return List.of(e, e); // duplicated
                }
                if (roll < 40 && !wire.isEmpty()) {
                    wire.addLast(e); // late: behind what is queued
                    return List.of();
                }
                return List.of(e);
            }, 50);
            long s = seed;
            assertEquals(List.of(new SnapshotMeta(50, 3)), p.installs, () -> "seed " + s);
            assertArrayEquals(state, p.receiverStore.data.get(50L), "seed " + seed);
            assertEquals(0, p.receiverStore.open, "seed " + seed);
        }
    }

    @Test
    void aChunkDamagedInTransitFailsTheChecksumAndTheTransferStartsOver() throws IOException {
        Pair p = new Pair(SMALL);
        byte[] state = bytes(50_000, 3);
        p.senderStore.put(9, 2, state);
        p.sender.send(2);
        boolean[] damaged = {false};
        p.run(100_000, (e, wire) -> {
            if (!damaged[0] && e.message() instanceof SnapshotChunk c && c.offset() == 8192) {
                damaged[0] = true;
                byte[] data = c.data().clone();
                data[17] ^= 1;
                return List.of(new Envelope(e.from(), e.to(), new SnapshotChunk(c.transfer(), c.index(), c.term(), c.offset(), data,
                    c.last(), c.crc())));
            }
            return List.of(e);
        }, 1_000);
        assertEquals(1, p.receiver.corrupt(), "the damage was seen");
        assertEquals(List.of(new SnapshotMeta(9, 2)), p.installs, "installed once, from the clean second stream");
        assertArrayEquals(state, p.receiverStore.data.get(9L));
    }

    @Test
    void aReceiverThatHoldsTheStateAlreadyEndsTheTransferWithoutInstalling() throws IOException {
        Pair p = new Pair(SMALL);
        p.receiverApplied = 40;
        p.senderStore.put(30, 2, bytes(30_000, 4));
        p.sender.send(2);
        p.run(10_000, (e, wire) -> List.of(e), 1_000);
        assertTrue(p.installs.isEmpty());
        assertEquals(1, p.sender.completed());
        assertEquals(List.of("2:snapshot 30@2"), p.confirmed, "holding it already counts as holding it");
        assertEquals(0, p.receiverStore.open);
    }

    @Test
    void aSilentReceiverIsGivenUpAndAskingAgainWhileRunningDoesNothing() throws IOException {
        Pair p = new Pair(SMALL);
        p.senderStore.put(30, 2, bytes(30_000, 5));
        p.sender.send(2);
        int first = p.wire.size();
        p.sender.send(2);
        assertEquals(first, p.wire.size(), "a transfer to node 2 runs already");
        p.wire.clear();
        for (int i = 0; i < SMALL.abandonTicks(); i++) {
            p.sender.tick();
        }
        assertFalse(p.sender.sendingTo(2));
        assertEquals(1, p.sender.abandoned());
        long resent = p.wire.stream().filter(e -> e.message() instanceof SnapshotChunk).count();
        assertEquals((long) SMALL.window() * ((SMALL.abandonTicks() - 1) / SMALL.resendTicks()), resent,
            "the window went out again every " + SMALL.resendTicks() + " quiet ticks");
    }

    @Test
    void aPartialStreamIsDroppedWhenTheSenderFallsSilent() throws IOException {
        Pair p = new Pair(SMALL);
        p.senderStore.put(30, 2, bytes(30_000, 6));
        p.sender.send(2);
        p.deliver(p.wire.pollFirst());
        assertEquals(1, p.receiverStore.open);
        for (int i = 0; i < SMALL.abandonTicks(); i++) {
            p.receiver.tick();
        }
        assertEquals(0, p.receiverStore.open, "the temporary sink was aborted");
        assertTrue(p.installs.isEmpty());
    }

    @Test
    void anEmptySnapshotIsOneEmptyLastChunk() throws IOException {
        Pair p = new Pair(SMALL);
        p.senderStore.put(3, 1, new byte[0]);
        p.sender.send(2);
        p.run(1_000, (e, wire) -> List.of(e), 1_000);
        assertEquals(List.of(new SnapshotMeta(3, 1)), p.installs);
        assertEquals(0, p.receiverStore.data.get(3L).length);
    }

    @Test
    void aSnapshotOfExactlyWholeChunksEndsWithAnEmptyLastChunk() throws IOException {
        Pair p = new Pair(SMALL);
        byte[] state = bytes(4096 * 3, 7);
        p.senderStore.put(3, 1, state);
        p.sender.send(2);
        p.run(1_000, (e, wire) -> List.of(e), 1_000);
        assertArrayEquals(state, p.receiverStore.data.get(3L));
        assertEquals(4, p.sent.stream().filter(e -> e.message() instanceof SnapshotChunk).count());
    }
}
