package io.synod.runtime.snapshot;

import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.spi.SnapshotSink;
import io.synod.spi.SnapshotStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes snapshots on a thread of its own, one at a time, so that the replica thread goes on
 * applying while a large state streams to disk. The replica thread takes the consistent view
 * ({@code StateMachine.snapshot()}, cheap) and hands the writer here; it learns of the finished
 * snapshot by {@link #poll()} in a later duty cycle, and only then compacts its log and tells the
 * core. A failed write surfaces there too, and stops the replica (fail-stop: its disk failed).
 */
public final class BackgroundSnapshotWriter implements AutoCloseable {

    /** A snapshot made durable in the background. */
    public record Written(SnapshotMeta snapshot, long bytes, long nanos) {
    }

    private final ExecutorService thread;
    private final AtomicReference<Object> finished = new AtomicReference<>();
    private final Runnable onFinished;
    private Future<?> inFlight;

    /** @param name the writer thread's name */
    public BackgroundSnapshotWriter(String name) {
        this(name, () -> { });
    }

    /**
     * @param name     the writer thread's name
     * @param finished run on the writer's thread once a write ended, well or not, and {@link #poll()}
     *                 would tell: a replica thread parked until its next tick is woken by it
     */
    public BackgroundSnapshotWriter(String name, Runnable finished) {
        this.onFinished = finished;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** True while a snapshot is being written (or written and not yet polled). */
    public boolean busy() {
        return inFlight != null;
    }

    /**
     * Starts writing {@code view} as the snapshot {@code at} into {@code store}.
     *
     * @throws IllegalStateException if a write is still in flight
     */
    public void write(SnapshotMeta at, SnapshotWriter view, SnapshotStore store) {
        if (busy()) {
            throw new IllegalStateException("a snapshot is being written already");
        }
        inFlight = thread.submit(() -> {
            long start = System.nanoTime();
            try (SnapshotSink sink = store.begin(at.index(), at.term())) {
                Counting counted = new Counting(new BufferedOutputStream(sink, 1 << 16));
                view.writeTo(counted);
                counted.flush();
                SnapshotMeta stored = sink.commit();
                finished.set(new Written(stored, counted.count, System.nanoTime() - start));
            } catch (IOException | RuntimeException | Error e) {
                finished.set(e);
            }
            onFinished.run();
        });
    }

    /**
     * The snapshot finished since the last call, or null.
     *
     * @throws IOException if the write failed
     */
    public Written poll() throws IOException {
        Object done = finished.getAndSet(null);
        if (done == null) {
            return null;
        }
        inFlight = null;
        if (done instanceof Written w) {
            return w;
        }
        if (done instanceof IOException e) {
            throw e;
        }
        if (done instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) done;
    }

    /** Stops the thread; a write in flight is given a moment to finish (or abort) first. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Counts what passes, for the figures. */
    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
