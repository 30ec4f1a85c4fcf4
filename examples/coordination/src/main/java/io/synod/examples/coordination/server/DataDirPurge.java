package io.synod.examples.coordination.server;

import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one-shot purge of a stopped server's data directory, ZooKeeper's PurgeTxnLog:
 * {@code synod-coordination --purge dataDir [-n N] [--log-dir dataLogDir]} keeps the newest N
 * snapshots (3 by default, at least 3) and deletes older ones and the log segments wholly below
 * the oldest kept. A running server holds its directory's lock, so the purge refuses it (the
 * running server purges by itself: see {@link Autopurge}).
 */
public final class DataDirPurge {

    private DataDirPurge() {
    }

    /** What one purge did. */
    public record Result(int snapshotsDeleted, long firstLogIndex, int snapshotsKept) {
    }

    /**
     * Purges {@code dataDir} (its log in {@code logDir}) down to {@code keep} snapshots.
     *
     * @throws IllegalArgumentException if keep is below 3 or the directory does not exist
     * @throws IllegalStateException    if a running server holds the directory
     */
    public static Result purge(Path dataDir, Path logDir, int keep) {
        if (keep < Autopurge.MIN_SNAP_RETAIN_COUNT) {
            throw new IllegalArgumentException("-n " + keep + ": keep at least " + Autopurge.MIN_SNAP_RETAIN_COUNT + " snapshots");
        }
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException(dataDir + " is not a directory");
        }
        try (FileStorage storage = FileStorage.open(dataDir, logDir,
            StorageOptions.builder().snapshotRetention(keep).build())) {
            int deleted = storage.purge();
            return new Result(deleted, storage.log().firstIndex(), storage.snapshots().list().size());
        }
    }

    /** {@code --purge dataDir [-n N] [--log-dir dataLogDir]}; exit status 0, 1 on failure, 2 on bad usage. */
    static int run(String[] args) {
        Path dataDir = null;
        Path logDir = null;
        int keep = Autopurge.MIN_SNAP_RETAIN_COUNT;
        try {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("-n") && i + 1 < args.length) {
                    keep = Integer.parseInt(args[++i]);
                } else if (args[i].equals("--log-dir") && i + 1 < args.length) {
                    logDir = Path.of(args[++i]);
                } else if (dataDir == null && !args[i].startsWith("-")) {
                    dataDir = Path.of(args[i]);
                } else {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            dataDir = null;
        }
        if (dataDir == null) {
            System.err.println("usage: synod-coordination --purge dataDir [-n N] [--log-dir dataLogDir]");
            return 2;
        }
        try {
            Result r = purge(dataDir, logDir == null ? dataDir : logDir, keep);
            System.out.println("purged " + dataDir + ": deleted " + r.snapshotsDeleted() + " snapshots, kept "
                + r.snapshotsKept() + ", the log starts at index " + r.firstLogIndex());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("synod-coordination --purge: " + e.getMessage());
            return 1;
        }
    }
}
