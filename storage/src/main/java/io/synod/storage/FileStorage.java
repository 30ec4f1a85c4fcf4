package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.NodeIdentity;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A replica's data directory: the write-ahead log, the hard state and the snapshots, opened and
 * recovered together.
 *
 * <pre>
 * dir/
 *   LOCK          held while open, so two processes never write one directory
 *   identity      which node of which cluster the directory belongs to ({@link #claim})
 *   hardstate     {@link FileHardStateStore}
 *   log/          {@link FileLogStore} (or logDir/log, see {@link #open(Path, Path, StorageOptions)})
 *   logdir        where the log lives, when that is not here
 *   snapshots/    {@link FileSnapshotStore}
 * </pre>
 *
 * <p><b>Snapshots and the log.</b> Saving a snapshot keeps the newest
 * {@link StorageOptions#snapshotRetention()} and then purges the log segments wholly at or below
 * the oldest snapshot kept; {@link LogStore#compactPrefix} never drops past that snapshot either,
 * whatever the caller asks. So when the newest snapshot is damaged, {@link #recover()} falls back
 * to the newest good one and replays the log from there.
 *
 * <pre>{@code
 * try (FileStorage storage = FileStorage.open(Path.of("/var/lib/synod/node-1"), StorageOptions.defaults())) {
 *     Recovered recovered = storage.recover();
 *     storage.log().append(List.of(new LogEntry(recovered.lastIndex() + 1, 1, data)));
 *     storage.log().sync();
 * }
 * }</pre>
 */
public final class FileStorage implements Storage {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorage.class);
    /** Where the log lives when not in the data directory itself. */
    private static final String LOG_PLACE_FILE = "logdir";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileChannel logLockChannel;
    private final FileLogStore log;
    private final FileHardStateStore hardState;
    private final FileSnapshotStore snapshots;

    private FileStorage(Path dir, FileChannel lockChannel, FileChannel logLockChannel, FileLogStore log,
                        FileHardStateStore hardState, FileSnapshotStore snapshots) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.logLockChannel = logLockChannel;
        this.log = log;
        this.hardState = hardState;
        this.snapshots = snapshots;
    }

    /**
     * Opens (creating if needed) the data directory {@code dir} and recovers its log.
     *
     * @throws CorruptLogException   if a file is damaged in a way a crash cannot explain
     * @throws IllegalStateException if another process or store holds the directory
     */
    public static FileStorage open(Path dir, StorageOptions options) {
        return open(dir, dir, options);
    }

    /**
     * Opens a data directory whose write-ahead log lives under {@code logDir} ({@code logDir/log},
     * held by its own {@code LOCK}), as ZooKeeper's dataLogDir keeps the transaction log on a
     * disk of its own; the hard state and the snapshots stay in {@code dir}.
     *
     * @throws CorruptLogException   if a file is damaged in a way a crash cannot explain
     * @throws IllegalStateException if another process or store holds either directory
     */
    public static FileStorage open(Path dir, Path logDir, StorageOptions options) {
        FileChannel lockChannel = lock(dir);
        FileChannel logLockChannel = null;
        FileLogStore log = null;
        try {
            if (!logDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                logLockChannel = lock(logDir);
            }
            checkLogPlace(dir, logDir, options.syncPolicy() == SyncPolicy.ALWAYS);
            log = FileLogStore.open(logDir.resolve("log"), options);
            FileHardStateStore hardState = FileHardStateStore.open(dir.resolve(HardStateFile.FILE_NAME), options.syncPolicy());
            FileLogStore kept = log;
            FileSnapshotStore snapshots = FileSnapshotStore.open(dir.resolve("snapshots"), options, oldest -> {
                kept.limitCompaction(oldest);
                kept.purgeSegmentsThrough(oldest);
            });
            log.limitCompaction(snapshots.oldestIndex());
            return new FileStorage(dir, lockChannel, logLockChannel, log, hardState, snapshots);
        } catch (RuntimeException e) {
            if (log != null) {
                log.close();
            }
            closeQuietly(lockChannel);
            if (logLockChannel != null) {
                closeQuietly(logLockChannel);
            }
            throw e;
        }
    }

    /**
     * Refuses a log directory other than the one this data directory's log was first kept in: a
     * replica that found an empty log where its accepted entries were would forget what it
     * acknowledged. The place is recorded in {@code dir/logdir} when it is not {@code dir} itself.
     */
    private static void checkLogPlace(Path dir, Path logDir, boolean durable) {
        Path record = dir.resolve(LOG_PLACE_FILE);
        Path wanted = logDir.toAbsolutePath().normalize();
        Path recorded;
        if (Files.exists(record)) {
            ByteBuffer b = AtomicFile.read(record);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            recorded = Path.of(new String(bytes, StandardCharsets.UTF_8).trim());
        } else {
            recorded = Files.isDirectory(dir.resolve("log")) ? dir.toAbsolutePath().normalize() : null;
        }
        if (recorded != null && !recorded.equals(wanted)) {
            throw new IllegalStateException("data directory " + dir + " keeps its write-ahead log in " + recorded.resolve("log")
                + ", not in " + wanted.resolve("log") + ": move the log there or open it where it is");
        }
        if (recorded == null && !wanted.equals(dir.toAbsolutePath().normalize())) {
            AtomicFile.write(record, ByteBuffer.wrap(wanted.toString().getBytes(StandardCharsets.UTF_8)), durable);
        }
    }

    /** Creates {@code dir} and takes its LOCK; closing the returned channel releases it. */
    private static FileChannel lock(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data directory " + dir, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("data directory " + dir + " is in use by another store");
        }
        return channel;
    }

    /**
     * Purges now what retention allows: all but the newest {@link StorageOptions#snapshotRetention()}
     * snapshots, then the log segments wholly at or below the oldest snapshot kept. Saving a
     * snapshot does the same; this is for an operator's purge of a directory (after retention was
     * lowered) and for a periodic purge. Safe while the replica runs.
     *
     * @return the number of snapshot files deleted
     */
    public int purge() {
        return snapshots.purge();
    }

    public Path directory() {
        return dir;
    }

    /**
     * Binds the directory to {@code identity}: on first claim an identity file is written
     * atomically and fsynced; afterwards only the same node of the same cluster may claim it.
     *
     * @throws io.synod.spi.IdentityMismatchException naming the directory and both identities, with
     *                                                nothing written, if another node or cluster
     *                                                claimed it first
     * @throws CorruptLogException                    if the identity file is damaged
     */
    @Override
    public synchronized void claim(NodeIdentity identity) {
        Path file = dir.resolve(IdentityFile.FILE_NAME);
        NodeIdentity recorded = IdentityFile.read(file);
        identity.requireSameAs(recorded, "data directory " + dir);
        if (recorded == null) {
            AtomicFile.write(file, IdentityFile.encode(identity), true);
            LOG.info("Data directory {} now belongs to {}", dir, identity);
        }
    }

    /** The identity recorded by the first {@link #claim}, or {@code null} before it. */
    public NodeIdentity identity() {
        return IdentityFile.read(dir.resolve(IdentityFile.FILE_NAME));
    }

    /** The write-ahead log; also offers {@link FileLogStore#appendAsync} for concurrent producers. */
    @Override
    public FileLogStore log() {
        return log;
    }

    @Override
    public HardStateStore hardState() {
        return hardState;
    }

    /** Snapshots; a save applies retention and purges the log below the oldest kept one. */
    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public void close() {
        try {
            log.close();
            hardState.close();
            snapshots.close();
        } finally {
            // Closing a channel releases its lock.
            closeQuietly(lockChannel);
            if (logLockChannel != null) {
                closeQuietly(logLockChannel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it.
        }
    }
}
