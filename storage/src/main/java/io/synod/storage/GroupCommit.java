package io.synod.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for concurrent appenders: callers queue records and wait on a future; one syncer
 * thread takes whatever has queued, writes it with one write and makes it durable with one
 * fsync, then completes the batch. While that fsync runs, the next batch gathers in the queue, so
 * the number of fsyncs grows with time spent, not with the number of appenders.
 *
 * <p>The thread belongs to the log and ends with it; it is never interrupted, because an
 * interrupt during {@code FileChannel.force} would close the channel under the log.
 */
final class GroupCommit implements AutoCloseable {

    /** Records taken into one batch at most, to bound the write buffer. */
    static final int MAX_BATCH = 4096;

    /** A queued record and the promise made to its appender. */
    static final class Pending {
        final long term;
        final byte[] data;
        final CompletableFuture<Long> future = new CompletableFuture<>();
        long index;

        Pending(long term, byte[] data) {
            this.term = term;
            this.data = data;
        }
    }

    private static final Pending STOP = new Pending(0, new byte[0]);

    private final FileLogStore log;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread syncer;
    private volatile boolean stopped;

    GroupCommit(FileLogStore log, String name) {
        this.log = log;
        this.syncer = new Thread(this::run, name);
        this.syncer.setDaemon(true);
        this.syncer.start();
    }

    /** Queues a record; the future completes with its index once it is durable. */
    CompletableFuture<Long> submit(long term, byte[] data) {
        Pending pending = new Pending(term, data);
        queue.add(pending);
        if (stopped && queue.remove(pending)) {
            pending.future.completeExceptionally(new IllegalStateException("log is closed"));
        }
        return pending.future;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; carry on until told to stop.
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            commit(batch);
            batch.clear();
        }
        stopped = true;
        queue.drainTo(batch);
        for (Pending pending : batch) {
            pending.future.completeExceptionally(new IllegalStateException("log is closed"));
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            log.appendPending(batch);
            log.sync();
        } catch (Throwable t) {
            for (Pending pending : batch) {
                pending.future.completeExceptionally(t);
            }
            return;
        }
        for (Pending pending : batch) {
            pending.future.complete(pending.index);
        }
    }

    /** Commits what is queued, fails what arrives later, and waits for the syncer to end. */
    @Override
    public void close() {
        queue.add(STOP);
        boolean interrupted = false;
        while (syncer.isAlive()) {
            try {
                syncer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
