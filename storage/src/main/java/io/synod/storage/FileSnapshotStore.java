package io.synod.storage;

import io.synod.api.Snapshot;
import io.synod.spi.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Snapshots as files in one directory ({@link SnapshotFile}), after ZooKeeper's
 * {@code snapshot.<zxid>} files and HDFS's FsImage. A save writes a temporary file, fsyncs and
 * renames it, then keeps only the newest {@code retention} snapshots and tells its listener the
 * index of the oldest one kept, below which the log may be purged. {@link #latest()} skips a
 * snapshot that fails its checksum, with an ERROR naming file and offset, in favour of the
 * previous good one.
 * Thread-safe.
 */
public final class FileSnapshotStore implements SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);

    private final Path dir;
    private final int retention;
    private final boolean durable;
    private final LongConsumer oldestRetained;

    private FileSnapshotStore(Path dir, int retention, boolean durable, LongConsumer oldestRetained) {
        this.dir = dir;
        this.retention = retention;
        this.durable = durable;
        this.oldestRetained = oldestRetained;
    }

    /**
     * Opens the snapshots in {@code dir}, creating it if needed.
     *
     * @param oldestRetained called after each save's retention with the index of the oldest
     *                       snapshot kept (everything at or below it may leave the log)
     */
    public static FileSnapshotStore open(Path dir, StorageOptions options, LongConsumer oldestRetained) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path temp : files.filter(f -> f.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList()) {
                    LOG.info("Deleting {}: left by an interrupted snapshot", temp);
                    Files.delete(temp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open snapshot directory " + dir, e);
        }
        return new FileSnapshotStore(dir, options.snapshotRetention(), options.syncPolicy() == SyncPolicy.ALWAYS, oldestRetained);
    }

    /** Opens the snapshots in {@code dir} without a retention listener. */
    public static FileSnapshotStore open(Path dir, StorageOptions options) {
        return open(dir, options, index -> { });
    }

    @Override
    public synchronized void save(Snapshot snapshot) {
        AtomicFile.write(dir.resolve(SnapshotFile.fileName(snapshot.index())), SnapshotFile.encode(snapshot), durable);
        List<Path> files = files();
        List<Path> purge = files.subList(0, Math.max(0, files.size() - retention));
        try {
            for (Path old : purge) {
                Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old snapshot in " + dir, e);
        }
        if (!purge.isEmpty() && durable) {
            AtomicFile.syncDirectory(dir);
        }
        List<Path> kept = files.subList(purge.size(), files.size());
        oldestRetained.accept(SnapshotFile.indexOf(kept.get(0)));
    }

    @Override
    public synchronized Optional<Snapshot> latest() {
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(SnapshotFile.read(files.get(i)));
            } catch (CorruptLogException e) {
                LOG.error("Skipping a damaged snapshot, falling back to an older one: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The index of the oldest snapshot file kept, good or not, or 0 when there is none. */
    public synchronized long oldestIndex() {
        List<Path> files = files();
        return files.isEmpty() ? 0 : SnapshotFile.indexOf(files.get(0));
    }

    /** The snapshot files, oldest first. */
    List<Path> files() {
        return listSnapshots(dir);
    }

    static List<Path> listSnapshots(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SnapshotFile.isSnapshotName(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    @Override
    public void close() {
        // Every save is complete when it returns; nothing is held open.
    }
}
