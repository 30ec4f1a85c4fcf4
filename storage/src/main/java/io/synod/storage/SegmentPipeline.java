package io.synod.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where the log's next segment comes from, after etcd's WAL file pipeline: a background thread
 * prepares the file ahead of need, zeroed to the segment size and forced, under a temporary name
 * ({@value #PREPARED_NAME}) that recovery deletes and never takes for a segment. At a roll the log
 * {@link #next takes} it: writes the header with the real base index, forces those few bytes,
 * renames the file into place and syncs the directory ({@link Segment#adopt}), so that the
 * appending thread no longer writes and forces a whole segment of zeros in the middle of the
 * commit path.
 *
 * <p>Correct first, fast when possible: when nothing is prepared yet (the disk is slower than the
 * log fills) or the roll needs a larger segment than the one prepared, the segment is created in
 * place as without the pipeline ({@link Segment#create}).
 *
 * <p><b>Failure.</b> A background failure (disk full, I/O error) is kept, never swallowed: the
 * next roll throws it, naming the file, and the log fails stop as for any other I/O error.
 *
 * <p><b>Threading.</b> {@link #prepareAhead} and {@link #next} are called under the log's lock;
 * the preparation runs on one daemon thread the pipeline owns (or on an executor a test injects).
 * {@link #close} stops it between two 64 KiB writes, waits for it with a bound and deletes the
 * prepared file.
 */
final class SegmentPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentPipeline.class);

    /** The prepared file's name: not a segment's name, and a temporary file to recovery. */
    static final String PREPARED_NAME = "next.log" + AtomicFile.TEMP_SUFFIX;
    private static final long CLOSE_WAIT_MILLIS = 30_000;
    /** Zeros written between two forces of the prepared file. */
    private static final int FORCE_STEP = 1 << 20;

    private enum State { IDLE, PREPARING, READY, FAILED, CLOSED }

    private final Path dir;
    private final Path prepared;
    private final int capacity;
    private final boolean durable;
    private final FileIo io;
    private final Executor executor;
    /** The executor this pipeline started and must stop, or null when it was given one. */
    private final ExecutorService owned;
    /** Off: every segment is created in place, as a roll did before the pipeline. */
    private final boolean enabled;
    /** Whether the segment after the active one was asked for. */
    private boolean aheadRequested;
    private volatile boolean stopping;
    private State state = State.IDLE;
    private Exception failure;
    private Thread thread;
    private long taken;

    /**
     * A pipeline preparing segments of {@code capacity} bytes; on {@code executor}, which the
     * caller owns (tests: a chosen thread, or the caller's own), or when it is null on a daemon
     * thread of the pipeline's, started when first asked.
     */
    SegmentPipeline(Path dir, StorageOptions options, FileIo io, Executor executor) {
        this.dir = dir;
        this.prepared = dir.resolve(PREPARED_NAME);
        this.capacity = options.segmentSize();
        this.durable = options.syncPolicy() == SyncPolicy.ALWAYS;
        this.enabled = options.preallocateSegments();
        this.io = io;
        this.owned = executor == null ? Executors.newSingleThreadExecutor(this::newThread) : null;
        this.executor = executor == null ? owned : executor;
    }

    private synchronized Thread newThread(Runnable task) {
        thread = new Thread(task, "synod-log-prealloc-" + dir.getFileName());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Told where the active segment's writes end, asks for the next segment once half of it is
     * used: time enough to prepare it, and a log that never fills a segment costs no second file.
     * Called by the appending thread after each write; costs a comparison.
     */
    void filled(int writePosition) {
        if (!aheadRequested && writePosition >= capacity / 2) {
            aheadRequested = true;
            prepareAhead();
        }
    }

    /** Starts preparing the next segment unless one is being prepared, is ready, or failed. */
    synchronized void prepareAhead() {
        if (!enabled || state != State.IDLE) {
            return;
        }
        state = State.PREPARING;
        executor.execute(this::prepare);
    }

    /**
     * The segment starting at {@code baseIndex}: the prepared file when one is ready and large
     * enough, else one created in place. Then asks for the following one.
     *
     * @throws UncheckedIOException a background preparation's failure, naming the file
     */
    Segment next(long baseIndex, int size) {
        boolean ready;
        synchronized (this) {
            if (state == State.FAILED) {
                Exception e = failure;
                throw new UncheckedIOException("cannot prepare the next log segment " + prepared,
                    e instanceof IOException io ? io : new IOException(e));
            }
            ready = state == State.READY && size <= capacity;
            if (ready) {
                state = State.IDLE;
                taken++;
            }
        }
        Segment segment = ready ? Segment.adopt(prepared, dir, baseIndex, capacity, durable, io)
            : Segment.create(dir, baseIndex, size, durable, io);
        aheadRequested = true;
        prepareAhead();
        return segment;
    }

    /** How many segments were made of prepared files (the others were created in place). */
    synchronized long taken() {
        return taken;
    }

    /** Whether a prepared segment is ready to be taken. */
    synchronized boolean ready() {
        return state == State.READY;
    }

    /** Waits, at most {@code millis}, until a preparation asked for has finished or failed; true if it has. */
    synchronized boolean awaitSettled(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (state == State.PREPARING) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The thread preparing segments, once started (null before, and when an executor was given). */
    synchronized Thread thread() {
        return thread;
    }

    private void prepare() {
        if (stopping) {
            return;
        }
        try (FileChannel out = io.open(prepared, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long at = 0; at < capacity; at += FORCE_STEP) {
                if (!Segment.zero(out, at, Math.min(capacity, at + FORCE_STEP), () -> stopping)) {
                    return;
                }
                if (durable) {
                    // In steps: the disk then never holds more than a step of these zeros ahead of the log's own fsyncs.
                    out.force(true);
                }
            }
            settle(State.READY, null);
        } catch (IOException | RuntimeException e) {
            settle(State.FAILED, e);
        }
    }

    private synchronized void settle(State outcome, Exception e) {
        if (state == State.PREPARING) {
            state = outcome;
            failure = e;
        }
        notifyAll();
    }

    /** Stops the preparing thread (waiting for it with a bound) and deletes the prepared file. */
    @Override
    public void close() {
        stopping = true;
        Thread t;
        synchronized (this) {
            state = State.CLOSED;
            notifyAll();
            t = thread;
        }
        if (owned != null) {
            owned.shutdown();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
                boolean stopped = owned.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (t != null) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    stopped &= !t.isAlive();
                }
                if (!stopped) {
                    LOG.warn("The thread preparing log segments in {} did not stop within {} ms", dir, CLOSE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(prepared);
        } catch (IOException e) {
            LOG.warn("Cannot delete {} (recovery deletes it on the next open)", prepared, e);
        }
    }
}
