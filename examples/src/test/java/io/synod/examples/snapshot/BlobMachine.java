package io.synod.examples.snapshot;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A state machine with a large state: {@code "fill"} adds a chunk of {@value #CHUNK} bytes (made
 * from the index it applies at, so every replica makes the same), {@code "tick"} adds one to a
 * counter. Chunks never change once made, so the consistent view a snapshot needs is a copy of
 * the list of them: cheap on the replica thread however large the state; the bytes stream out
 * later on the writer's thread. Queries: {@code "digest"} (CRC32C over the whole state),
 * {@code "chunks"} and {@code "ticks"}.
 *
 * <p>A test can hold the next snapshot writer at its start ({@link #holdNextWrite()}) to show that
 * the replica thread goes on applying meanwhile, and can have the next write timed ({@link #timeNextWrite()}).
 */
final class BlobMachine implements StateMachine {

    static final int CHUNK = 1 << 20;

    private List<byte[]> chunks = List.of();
    private long ticks;
    private volatile CountDownLatch holdStarted;
    private volatile CountDownLatch holdRelease;
    private volatile long[] timed;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        String c = new String(command, StandardCharsets.UTF_8);
        if (c.equals("fill")) {
            byte[] chunk = new byte[CHUNK];
            new SplittableRandom(ctx.index()).nextBytes(chunk);
            List<byte[]> next = new ArrayList<>(chunks.size() + 1);
            next.addAll(chunks);
            next.add(chunk);
            chunks = List.copyOf(next);
            return Integer.toString(chunks.size()).getBytes(StandardCharsets.UTF_8);
        }
        ticks++;
        return Long.toString(ticks).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] query(byte[] query) {
        String q = new String(query, StandardCharsets.UTF_8);
        if (q.equals("chunks")) {
            return Integer.toString(chunks.size()).getBytes(StandardCharsets.UTF_8);
        }
        if (q.equals("ticks")) {
            return Long.toString(ticks).getBytes(StandardCharsets.UTF_8);
        }
        CRC32C crc = new CRC32C();
        chunks.forEach(crc::update);
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(ticks).array());
        return Long.toHexString(crc.getValue()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SnapshotWriter snapshot() {
        List<byte[]> view = chunks; // immutable: later fills make a new list
        long ticksThen = ticks;
        CountDownLatch started = holdStarted;
        CountDownLatch release = holdRelease;
        long[] timing = timed;
        holdStarted = null;
        holdRelease = null;
        timed = null;
        return stream -> {
            if (started != null) {
                started.countDown();
                try {
                    if (!release.await(120, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the held snapshot");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
            long start = System.nanoTime();
            DataOutputStream out = new DataOutputStream(stream);
            out.writeLong(ticksThen);
            out.writeInt(view.size());
            for (byte[] chunk : view) {
                out.write(chunk);
            }
            out.flush();
            if (timing != null) {
                timing[0] = start;
                timing[1] = System.nanoTime();
                timing[2] = view.size();
            }
        };
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        long t = in.readLong();
        int n = in.readInt();
        List<byte[]> restored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            restored.add(in.readNBytes(CHUNK));
        }
        chunks = List.copyOf(restored);
        ticks = t;
    }

    /**
     * Holds the next snapshot's writer before it writes anything.
     *
     * @return {started, release}: counted down when the writer is held; count down to let it go
     */
    CountDownLatch[] holdNextWrite() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdRelease = release;
        holdStarted = started;
        return new CountDownLatch[] {started, release};
    }

    /** The next snapshot's writer records {start nanos, end nanos, chunks written} here. */
    long[] timeNextWrite() {
        long[] timing = new long[3];
        timed = timing;
        return timing;
    }
}
