package io.synod.storage;

import io.synod.spi.HardStateStore;

import java.nio.file.Path;

/**
 * Hard state in one file ({@link HardStateFile}), replaced atomically on every save: temporary
 * file, fsync, rename, fsync of the directory ({@link AtomicFile}). After a crash {@link #load}
 * returns the old or the new state whole. Thread-safe.
 */
public final class FileHardStateStore implements HardStateStore {

    private final Path file;
    private final boolean durable;
    private byte[] state;

    private FileHardStateStore(Path file, boolean durable, byte[] state) {
        this.file = file;
        this.durable = durable;
        this.state = state;
    }

    /**
     * Opens the hard state kept in {@code file}.
     *
     * @throws CorruptLogException if the file exists but fails its checks
     */
    public static FileHardStateStore open(Path file, SyncPolicy policy) {
        return new FileHardStateStore(file, policy == SyncPolicy.ALWAYS, HardStateFile.read(file));
    }

    @Override
    public synchronized byte[] load() {
        return state.clone();
    }

    @Override
    public synchronized void save(byte[] newState) {
        byte[] copy = newState.clone();
        AtomicFile.write(file, HardStateFile.encode(copy), durable);
        state = copy;
    }

    @Override
    public void close() {
        // Every save is complete when it returns; nothing is held open.
    }
}
