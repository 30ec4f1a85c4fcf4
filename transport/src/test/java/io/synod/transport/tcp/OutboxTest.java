package io.synod.transport.tcp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox against a model (a deque of notes that pushes out its oldest while over either
 * bound): random offers of random sizes, drains into a frame writer (sometimes a busy one), and
 * clears, on many seeds. Each drained frame must be the model's oldest, byte for byte, in order, and the
 * gauges and pushed-out counts must match the model's after every step, through the buffer's
 * compactions and shrinks.
 */
class OutboxTest {

    private static final int MAX_FRAME = 4096;

    @Test
    void behavesAsABoundedDequeThatPushesOutItsOldest() {
        for (long seed = 1; seed <= 300; seed++) {
            try {
                run(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (repro: OutboxTest.run(" + seed + "L)): " + e.getMessage(), e);
            }
        }
    }

    static void run(long seed) {
        Random random = new Random(seed);
        int maxMessages = 1 + random.nextInt(20);
        int maxBytes = MAX_FRAME + random.nextInt(4 * MAX_FRAME);
        Outbox outbox = new Outbox(maxMessages, maxBytes, MAX_FRAME);
        Deque<Note> model = new ArrayDeque<>();
        long seq = 0;
        for (int step = 0; step < 400; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                int body = random.nextInt(10) == 0 ? MAX_FRAME : random.nextInt(random.nextBoolean() ? 64 : MAX_FRAME);
                Note note = new Note(seq++, bytes(random, body));
                int answer = outbox.offer(CodecChannel.PROTOCOL, note, Note.CODEC);
                if (frameLength(note) > MAX_FRAME) {
                    assertEquals(Outbox.TOO_LONG, answer, "a note beyond the frame bound is refused");
                } else {
                    model.addLast(note);
                    int pushedOut = 0;
                    while (model.size() > maxMessages || bytes(model) > maxBytes) {
                        model.removeFirst();
                        pushedOut++;
                    }
                    assertEquals(pushedOut, answer, "pushed out at step " + step);
                }
            } else if (op < 9) {
                FrameWriter writer = new FrameWriter(64);
                if (random.nextInt(4) == 0) {
                    // A writer still busy with earlier bytes takes nothing.
                    writer.append(CodecChannel.CONTROL, new org.agrona.concurrent.UnsafeBuffer(new byte[3]), 0, 3);
                    assertEquals(0, outbox.drainTo(writer));
                    writer.written(writer.pendingBytes());
                }
                int moved = outbox.drainTo(writer);
                List<Note> got = frames(writer);
                assertEquals(moved, got.size());
                assertEquals(List.copyOf(model), got, "everything queued, in order, intact");
                model.clear();
            } else {
                assertEquals(model.size(), outbox.clear());
                model.clear();
            }
            assertEquals(model.size(), outbox.messages(), "messages at step " + step);
            assertEquals(bytes(model), outbox.bytes(), "bytes at step " + step);
            assertTrue(outbox.bytes() <= maxBytes);
        }
    }

    /**
     * Senders on three threads while a fourth drains, with bounds small enough that messages are
     * pushed out all the time: each thread's messages come out intact and in its order, and every
     * message is either drained or counted as pushed out.
     */
    @Test
    void concurrentSendersAndADrainerLoseNothingUncountedAndKeepEachSendersOrder() throws Exception {
        Outbox outbox = new Outbox(64, 2 * MAX_FRAME, MAX_FRAME);
        int senders = 3;
        int each = 50_000;
        java.util.concurrent.atomic.AtomicLong pushedOut = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            long base = (t + 1) * 1_000_000L;
            threads.add(new Thread(() -> {
                Random random = new Random(base);
                for (int i = 0; i < each; i++) {
                    pushedOut.addAndGet(outbox.offer(CodecChannel.PROTOCOL, new Note(base + i, bytes(random, random.nextInt(200))), Note.CODEC));
                }
            }));
        }
        threads.forEach(Thread::start);
        java.util.Map<Long, Long> last = new java.util.HashMap<>();
        long drained = 0;
        boolean sending = true;
        while (sending || !outbox.isEmpty()) {
            sending = threads.stream().anyMatch(Thread::isAlive);
            FrameWriter writer = new FrameWriter(64);
            outbox.drainTo(writer);
            for (Note n : frames(writer)) {
                long thread = n.seq() / 1_000_000L;
                Long previous = last.put(thread, n.seq());
                assertTrue(previous == null || previous < n.seq(), () -> n + " after " + previous);
                drained++;
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals((long) senders * each, drained + pushedOut.get());
        assertTrue(pushedOut.get() > 0, "the bounds were reached");
        assertEquals(0, outbox.bytes());
    }

    @Test
    void aCodecFailureQueuesNothingAndLeavesTheRestIntact() {
        Outbox outbox = new Outbox(8, MAX_FRAME, MAX_FRAME);
        outbox.offer(CodecChannel.PROTOCOL, new Note(1), Note.CODEC);
        assertThrows(ClassCastException.class, () -> outbox.offer(CodecChannel.PROTOCOL, new TcpTransportTest.Chunk(1), Note.CODEC));
        outbox.offer(CodecChannel.PROTOCOL, new Note(2), Note.CODEC);
        FrameWriter writer = new FrameWriter(64);
        assertEquals(2, outbox.drainTo(writer));
        assertEquals(List.of(new Note(1), new Note(2)), frames(writer));
    }

    @Test
    void aBoundBelowOneFrameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Outbox(8, MAX_FRAME - 1, MAX_FRAME));
        assertThrows(IllegalArgumentException.class, () -> new Outbox(0, MAX_FRAME, MAX_FRAME));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        if (n > 0 && b[0] == Note.POISON) {
            b[0] = 0;
        }
        return b;
    }

    private static int frameLength(Note n) {
        return Frame.HEADER_LENGTH + Note.HEADER + n.body().length;
    }

    private static int bytes(Deque<Note> notes) {
        return notes.stream().mapToInt(OutboxTest::frameLength).sum();
    }

    /** Decodes the frames a writer holds, checking each header. */
    private static List<Note> frames(FrameWriter writer) {
        ByteBuffer pending = writer.pending().slice().order(ByteOrder.LITTLE_ENDIAN);
        List<Note> notes = new ArrayList<>();
        org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(pending);
        int at = 0;
        while (at < pending.limit()) {
            int length = pending.getInt(at + Frame.LENGTH_OFFSET);
            assertEquals(CodecChannel.PROTOCOL, pending.get(at + Frame.CHANNEL_OFFSET));
            notes.add((Note) Note.CODEC.decode(view, at + Frame.BODY_OFFSET, length - Frame.HEADER_LENGTH));
            at += length;
        }
        return notes;
    }
}
