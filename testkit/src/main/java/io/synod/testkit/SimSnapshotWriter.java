package io.synod.testkit;

import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.runtime.ReplicatedState;
import io.synod.testkit.trace.TraceEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A {@link SimNode}'s background snapshot writer, in simulated time: every {@code snapshotEvery}
 * applied entries it takes a consistent view of the node's {@link ReplicatedState} and writes it
 * a little later, as the runtime's background writer does, while the node goes on applying; then
 * it compacts the node's disk, keeping {@link #LOG_RETENTION a few entries} below the snapshot for
 * leaders to send lagging peers, and hands the snapshot back to the node to tell its core. Kept
 * apart from the node because when a snapshot is due and how it reaches the disk is one concern,
 * with state of its own, that the node's handling of a {@code Ready} only triggers.
 */
final class SimSnapshotWriter {

    /**
     * Entries of log kept below each snapshot, by node id: some nodes keep none (a lagging peer
     * needs their snapshot), some a few (it can be fed from their log).
     */
    static final long[] LOG_RETENTION = {0, 3, 8};
    /** A background snapshot write takes up to this many microseconds of simulated time. */
    private static final int WRITE_MICROS = 30_000;

    private final int id;
    private final Simulation<?, ?> sim;
    private final SimDisk disk;
    private final PauseGate gate;
    /** The node's incarnation now: a crash loses a write under way. */
    private final IntSupplier incarnation;
    /** Told of each snapshot once it is on disk and the log compacted below it. */
    private final Consumer<SnapshotMeta> compacted;
    private long lastSnapshotIndex;
    private boolean writing;

    SimSnapshotWriter(int id, Simulation<?, ?> sim, SimDisk disk, PauseGate gate, IntSupplier incarnation,
        Consumer<SnapshotMeta> compacted) {
        this.id = id;
        this.sim = sim;
        this.disk = disk;
        this.gate = gate;
        this.incarnation = incarnation;
        this.compacted = compacted;
    }

    /** The node started with {@code appliedIndex} applied: the next snapshot is due counting from there. */
    void started(long appliedIndex) {
        lastSnapshotIndex = appliedIndex;
        writing = false;
    }

    /** The node crashed: a write under way is lost with it. */
    void crashed() {
        writing = false;
    }

    /** A snapshot at {@code index} was installed from a peer: the next one is due counting from there. */
    void installed(long index) {
        lastSnapshotIndex = Math.max(lastSnapshotIndex, index);
    }

    /**
     * Takes a consistent view now and writes it a little later, as the runtime's background
     * writer does; the node goes on applying meanwhile, so a view that is not consistent shows.
     */
    void maybeSnapshot(ReplicatedState state) {
        int every = sim.config().faults().snapshotEvery();
        if (every <= 0 || writing || state.appliedIndex() - lastSnapshotIndex < every) {
            return;
        }
        SnapshotMeta at = state.snapshotMeta();
        SnapshotWriter view = state.snapshot();
        lastSnapshotIndex = at.index();
        writing = true;
        int incarnationThen = incarnation.getAsInt();
        sim.after(sim.random().nextInt(WRITE_MICROS), () -> {
            if (incarnation.getAsInt() != incarnationThen) {
                return; // crashed meanwhile: the half-written temporary file is gone
            }
            gate.take(() -> written(at, view));
        });
    }

    private void written(SnapshotMeta at, SnapshotWriter view) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            view.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writing = false;
        disk.compact(at, bytes.toByteArray(), LOG_RETENTION[id % LOG_RETENTION.length]);
        sim.stats().snapshots++;
        sim.trace().record(sim.now(), TraceEvent.Kind.SNAPSHOT, id, 0, "took " + at + " (" + bytes.size() + " bytes)");
        compacted.accept(at);
    }
}
