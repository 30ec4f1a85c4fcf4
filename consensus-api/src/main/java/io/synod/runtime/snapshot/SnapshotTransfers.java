package io.synod.runtime.snapshot;

import io.synod.api.Envelope;
import io.synod.api.SnapshotMeta;
import io.synod.runtime.snapshot.SnapshotTransferMessage.ChunkAck;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;
import io.synod.spi.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Snapshot transfer, the runtime's job rather than a core's: a core asks for its node's newest
 * snapshot to be sent to a peer ({@code Effects.sendSnapshot}), and this streams it there in
 * chunks on the same transport as the protocol's messages ({@link SnapshotTransferMessage}),
 * with a window of chunks in flight, resending on silence and starting over when the receiver
 * asks. At the receiver the chunks go into the store's temporary sink, the stream's CRC32C is
 * checked, the snapshot is committed and then installed through the driver's {@link Installer}
 * (state machine restored from the store, log reset, core told). The production runtime and the
 * simulator drive this same class: it reads no clock and starts no thread, ticks and messages are
 * its only inputs.
 *
 * <p><b>Threading.</b> Called from the replica's thread only.
 *
 * <p><b>Failure.</b> A peer that goes quiet loses its transfer after
 * {@link SnapshotTransferConfig#abandonTicks()}; the core asks again if it must. A stream that
 * fails its checksum is dropped and sent again from the start. An I/O error of the local store
 * escapes as an exception: the replica stops.
 */
public final class SnapshotTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTransfers.class);
    /** Snapshots replaced while being opened before the store is blamed: each replacement is a whole snapshot written. */
    private static final int MAX_ATTEMPTS = 3;

    /** Installs a snapshot just committed to the store. */
    @FunctionalInterface
    public interface Installer {
        /**
         * Restores the state machine from {@code snapshot}, resets the log after it (keeping any
         * entries above it) and tells the core; called on the replica thread.
         */
        void install(SnapshotMeta snapshot) throws IOException;
    }

    private final int self;
    private final SnapshotStore store;
    private final SnapshotTransferConfig config;
    private final LongSupplier applied;
    private final Installer installer;
    private final BiConsumer<Integer, SnapshotMeta> delivered;
    private final Consumer<Envelope> outbox;
    private final Map<Integer, SnapshotSender> sending = new HashMap<>();
    private final Map<Integer, SnapshotReceiver> receiving = new HashMap<>();
    private long nextTransfer;
    private long started;
    private long completed;
    private long abandoned;
    private long installed;
    private long corrupt;

    /**
     * @param applied       the index this node has applied: a snapshot at or below it is not installed
     * @param delivered     told when a peer confirms it holds a snapshot sent to it (the core's
     *                      {@code snapshotSent})
     * @param outbox        where messages leave (the transport, or the simulated network)
     * @param firstTransfer the number of this node's first transfer; pick one a restarted node
     *                      will not reuse soon (the runtime: random; the simulator: from its seed)
     */
    public SnapshotTransfers(int self, SnapshotStore store, SnapshotTransferConfig config, LongSupplier applied,
                             Installer installer, BiConsumer<Integer, SnapshotMeta> delivered, Consumer<Envelope> outbox,
                             long firstTransfer) {
        this.self = self;
        this.store = store;
        this.config = config;
        this.applied = applied;
        this.installer = installer;
        this.delivered = delivered;
        this.outbox = outbox;
        this.nextTransfer = firstTransfer;
    }

    /**
     * Starts streaming the newest snapshot to {@code peer}, unless a transfer to it runs already
     * or there is no snapshot.
     */
    public void send(int peer) throws IOException {
        SnapshotSender running = sending.get(peer);
        if (running != null && running.state() == SnapshotSender.State.RUNNING) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Optional<SnapshotMeta> newest = store.latest();
            if (newest.isEmpty()) {
                LOG.debug("node {} has no snapshot to send to node {}", self, peer);
                return;
            }
            SnapshotMeta snapshot = newest.get();
            SnapshotSender sender = new SnapshotSender(peer, () -> nextTransfer++, snapshot, () -> store.open(snapshot), config);
            try {
                sender.start(chunk -> outbox.accept(new Envelope(self, peer, chunk)));
            } catch (IOException e) {
                sender.close();
                // The snapshot writer, on its own thread, may replace the newest between its choice and its
                // opening (a store that keeps one drops it then): that is no fault of the store, so take the
                // newer one. The same snapshot still newest and unreadable is one.
                if (attempt < MAX_ATTEMPTS && !store.latest().equals(newest)) {
                    LOG.debug("node {}: {} was replaced before it could be sent to node {}", self, snapshot, peer);
                    continue;
                }
                throw e;
            }
            sending.put(peer, sender);
            started++;
            LOG.debug("node {} sends {} to node {}", self, snapshot, peer);
            return;
        }
    }

    /**
     * Takes a message if it is a transfer's.
     *
     * @return false if it is not (the core's, then)
     */
    public boolean onEnvelope(Envelope envelope) throws IOException {
        if (envelope.message() instanceof SnapshotChunk chunk) {
            onChunk(envelope.from(), chunk);
            return true;
        }
        if (envelope.message() instanceof ChunkAck ack) {
            SnapshotSender sender = sending.get(envelope.from());
            if (sender != null && sender.transfer() == ack.transfer()) {
                sender.onAck(ack, chunk -> outbox.accept(new Envelope(self, envelope.from(), chunk)));
                retire(sender);
            }
            return true;
        }
        return false;
    }

    /** One tick: resends, and gives up on transfers that made no progress for too long. */
    public void tick() {
        for (Iterator<SnapshotSender> it = sending.values().iterator(); it.hasNext(); ) {
            SnapshotSender sender = it.next();
            sender.tick(chunk -> outbox.accept(new Envelope(self, sender.peer(), chunk)));
            if (sender.state() != SnapshotSender.State.RUNNING) {
                count(sender);
                it.remove();
            }
        }
        for (Iterator<Map.Entry<Integer, SnapshotReceiver>> it = receiving.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, SnapshotReceiver> e = it.next();
            if (e.getValue().tick(config)) {
                LOG.info("node {} dropped {} from node {}: no chunk for {} ticks", self, e.getValue().snapshot(), e.getKey(),
                    config.abandonTicks());
                e.getValue().abort();
                it.remove();
            }
        }
    }

    /** Drops every transfer, both ways. */
    public void close() {
        sending.values().forEach(SnapshotSender::close);
        sending.clear();
        receiving.values().forEach(SnapshotReceiver::abort);
        receiving.clear();
    }

    /** True while a transfer to {@code peer} runs. */
    public boolean sendingTo(int peer) {
        return sending.containsKey(peer);
    }

    /** Transfers started (a restart of one is not counted again). */
    public long started() {
        return started;
    }

    /** Transfers the receiver confirmed. */
    public long completed() {
        return completed;
    }

    /** Transfers given up. */
    public long abandoned() {
        return abandoned;
    }

    /** Snapshots received and installed here. */
    public long installed() {
        return installed;
    }

    /** Streams received here that failed their checksum. */
    public long corrupt() {
        return corrupt;
    }

    private void onChunk(int from, SnapshotChunk chunk) throws IOException {
        SnapshotReceiver receiver = receiving.get(from);
        if (chunk.index() <= applied.getAsLong()) {
            // Already hold this state or newer: nothing to install.
            if (receiver != null && receiver.snapshot().index() <= applied.getAsLong()) {
                receiver.abort();
                receiving.remove(from);
            }
            ack(from, chunk.transfer(), chunk.offset() + chunk.data().length, true);
            return;
        }
        if (receiver == null || receiver.transfer() != chunk.transfer()) {
            if (chunk.offset() != 0) {
                ack(from, chunk.transfer(), 0, false); // its start was lost, or this node restarted: start over
                return;
            }
            if (receiver != null) {
                receiver.abort();
            }
            receiver = new SnapshotReceiver(chunk.transfer(), new SnapshotMeta(chunk.index(), chunk.term()),
                store.begin(chunk.index(), chunk.term()));
            receiving.put(from, receiver);
        }
        switch (receiver.accept(chunk)) {
            case ACCEPTED, IGNORED -> ack(from, chunk.transfer(), receiver.expected(), false);
            case CORRUPT -> {
                corrupt++;
                receiving.remove(from);
                LOG.warn("node {} dropped {} from node {}: its stream fails its checksum (expected {}, got {}); asking again",
                    self, receiver.snapshot(), from, Integer.toHexString(chunk.crc()), Integer.toHexString(receiver.crc()));
                ack(from, chunk.transfer(), 0, false);
            }
            case COMPLETE -> {
                receiving.remove(from);
                SnapshotMeta stored = receiver.commit();
                if (stored.index() > applied.getAsLong()) {
                    installer.install(stored);
                    installed++;
                    LOG.info("node {} installed {} received from node {} ({} bytes)", self, stored, from, receiver.expected());
                }
                ack(from, chunk.transfer(), receiver.expected(), true);
            }
        }
    }

    private void ack(int to, long transfer, long received, boolean done) {
        outbox.accept(new Envelope(self, to, new ChunkAck(transfer, received, done)));
    }

    private void retire(SnapshotSender sender) {
        if (sender.state() != SnapshotSender.State.RUNNING) {
            count(sender);
            sending.remove(sender.peer());
        }
    }

    private void count(SnapshotSender sender) {
        if (sender.state() == SnapshotSender.State.DONE) {
            completed++;
            delivered.accept(sender.peer(), sender.snapshot());
        } else {
            abandoned++;
            LOG.info("node {} gave up sending {} to node {} after {} restarts", self, sender.snapshot(), sender.peer(), sender.restarts());
        }
    }
}
