package io.synod.runtime.snapshot;

import io.synod.api.SnapshotMeta;
import io.synod.runtime.snapshot.SnapshotTransferMessage.ChunkAck;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * One snapshot on its way to one peer: reads the stream chunk by chunk, keeps at most
 * {@link SnapshotTransferConfig#window()} chunks unacknowledged (flow control: the next chunk is
 * read only when an acknowledgement frees room), sends them again after
 * {@link SnapshotTransferConfig#resendTicks()} quiet ticks (go-back-N), starts over when the
 * receiver asks, and gives up after {@link SnapshotTransferConfig#abandonTicks()} without
 * progress. Deterministic: ticks and acknowledgements drive it, nothing else.
 */
final class SnapshotSender {

    /** Opens the snapshot's stream from its start; called again to start over. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    enum State { RUNNING, DONE, ABANDONED }

    private final int peer;
    private final LongSupplier ids;
    private long transfer;
    private final SnapshotMeta snapshot;
    private final Source source;
    private final SnapshotTransferConfig config;
    private final ArrayDeque<SnapshotChunk> unacked = new ArrayDeque<>();
    private final CRC32C crc = new CRC32C();
    private InputStream in;
    private long readOffset;
    private boolean readAll;
    private long acked;
    private int quietTicks;
    private int restarts;
    private State state = State.RUNNING;

    /** @param ids numbers transfers: a restart takes a new number, so that acknowledgements of the old one are told apart */
    SnapshotSender(int peer, LongSupplier ids, SnapshotMeta snapshot, Source source, SnapshotTransferConfig config) {
        this.peer = peer;
        this.ids = ids;
        this.transfer = ids.getAsLong();
        this.snapshot = snapshot;
        this.source = source;
        this.config = config;
    }

    int peer() {
        return peer;
    }

    long transfer() {
        return transfer;
    }

    SnapshotMeta snapshot() {
        return snapshot;
    }

    State state() {
        return state;
    }

    /** Times the receiver made it start over. */
    int restarts() {
        return restarts;
    }

    /** Opens the stream and sends the first window. */
    void start(Consumer<SnapshotChunk> send) throws IOException {
        in = source.open();
        fill(send);
    }

    /** An acknowledgement of this transfer (the caller checked its number). */
    void onAck(ChunkAck ack, Consumer<SnapshotChunk> send) throws IOException {
        if (state != State.RUNNING || ack.transfer() != transfer) {
            return;
        }
        if (ack.done()) {
            finish(State.DONE);
            return;
        }
        if (ack.received() == 0) {
            if (acked > 0) {
                // The receiver had this transfer and lost it (it restarted), or the stream failed
                // its checksum: from the start. (Before its start arrived, chunks overtaking it
                // are answered so too: those the resend covers.)
                restart(send);
            }
            return;
        }
        if (ack.received() > acked) {
            acked = Math.min(ack.received(), readOffset);
            // The last chunk stays until the receiver says done: it may be empty, or fail the checksum.
            while (!unacked.isEmpty() && !unacked.peekFirst().last()
                && unacked.peekFirst().offset() + unacked.peekFirst().data().length <= acked) {
                unacked.pollFirst();
            }
            quietTicks = 0;
            fill(send);
        }
    }

    /** One tick passed; resends or gives up when it has been quiet too long. */
    void tick(Consumer<SnapshotChunk> send) {
        if (state != State.RUNNING) {
            return;
        }
        quietTicks++;
        if (quietTicks >= config.abandonTicks()) {
            finish(State.ABANDONED);
        } else if (quietTicks % config.resendTicks() == 0) {
            unacked.forEach(send);
        }
    }

    /** Stops and releases the stream. */
    void close() {
        if (state == State.RUNNING) {
            finish(State.ABANDONED);
        }
    }

    private void restart(Consumer<SnapshotChunk> send) {
        restarts++;
        transfer = ids.getAsLong();
        closeStream();
        unacked.clear();
        crc.reset();
        readOffset = 0;
        readAll = false;
        acked = 0;
        quietTicks = 0;
        try {
            start(send);
        } catch (IOException e) {
            // Retention dropped it meanwhile (a newer one replaced it): the core asks again for the newest.
            finish(State.ABANDONED);
        }
    }

    private void fill(Consumer<SnapshotChunk> send) throws IOException {
        while (!readAll && unacked.size() < config.window()) {
            byte[] data = in.readNBytes(config.chunkBytes());
            crc.update(data);
            // A short read is the end; a full one may be too, then an empty last chunk follows.
            boolean last = data.length < config.chunkBytes();
            SnapshotChunk chunk = new SnapshotChunk(transfer, snapshot.index(), snapshot.term(), readOffset, data, last,
                last ? (int) crc.getValue() : 0);
            readOffset += data.length;
            readAll = last;
            unacked.addLast(chunk);
            send.accept(chunk);
        }
        if (readAll) {
            closeStream();
        }
    }

    private void finish(State end) {
        state = end;
        unacked.clear();
        closeStream();
    }

    private void closeStream() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + snapshot + " being sent to node " + peer, e);
            } finally {
                in = null;
            }
        }
    }
}
