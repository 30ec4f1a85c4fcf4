package io.synod.storage;

import io.synod.api.SnapshotMeta;
import io.synod.spi.SnapshotSink;
import io.synod.spi.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshots as files in one directory ({@link SnapshotFile}), after ZooKeeper's
 * {@code snapshot.<zxid>} files and HDFS's FsImage. A snapshot streams into a temporary file
 * ({@link #begin}), whose commit writes the header with the data's length and CRC32C, fsyncs it,
 * renames it into place and fsyncs the directory; then only the newest {@code retention}
 * snapshots are kept, and the listener hears the index of the oldest one kept, below which the
 * log may be purged. {@link #latest()} checks a snapshot's checksum (reading it through once, in
 * small pieces, and remembering the verdict) and skips a damaged one, with an ERROR naming file
 * and offset, in favour of the previous good one. Thread-safe; each sink belongs to one thread.
 */
public final class FileSnapshotStore implements SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
    /** Bytes gathered before a write to the temporary file. */
    private static final int WRITE_BUFFER = 1 << 16;

    private final Path dir;
    private final int retention;
    private final boolean durable;
    private final LongConsumer oldestRetained;
    private final AtomicLong temps = new AtomicLong();
    /** Files whose checksum this store checked or wrote: file name to the size it had then. */
    private final Map<Path, Long> verified = new HashMap<>();

    private FileSnapshotStore(Path dir, int retention, boolean durable, LongConsumer oldestRetained) {
        this.dir = dir;
        this.retention = retention;
        this.durable = durable;
        this.oldestRetained = oldestRetained;
    }

    /**
     * Opens the snapshots in {@code dir}, creating it if needed; temporary files of interrupted
     * snapshots are deleted.
     *
     * @param oldestRetained called after each commit's retention with the index of the oldest
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
    public String toString() {
        return "snapshots in " + dir;
    }

    @Override
    public SnapshotSink begin(long index, long term) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        Path temp = dir.resolve(SnapshotFile.fileName(index) + "." + temps.incrementAndGet() + AtomicFile.TEMP_SUFFIX);
        try {
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new FileSink(index, term, temp, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp, e);
        }
    }

    @Override
    public Optional<SnapshotMeta> latest() {
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(check(files.get(i)));
            } catch (CorruptLogException e) {
                LOG.error("Skipping a damaged snapshot, falling back to an older one: {}", e.getMessage());
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                // Deleted by retention meanwhile: an older one may still be there.
            }
        }
        return Optional.empty();
    }

    /** Under the store's lock: retention (a commit's, or an operator's purge) deletes under it too, so no listed file vanishes before its header is read. */
    @Override
    public synchronized List<SnapshotMeta> list() {
        List<SnapshotMeta> metas = new ArrayList<>();
        for (Path file : files()) {
            try {
                metas.add(SnapshotFile.readHeader(file).meta());
            } catch (CorruptLogException e) {
                LOG.warn("Listing a snapshot whose header is damaged by its file name alone: {}", e.getMessage());
                metas.add(new SnapshotMeta(SnapshotFile.indexOf(file), -1));
            }
        }
        return metas;
    }

    /**
     * The data of a kept snapshot, checked first.
     *
     * @throws IOException naming the file if it is gone or damaged
     */
    @Override
    public InputStream open(SnapshotMeta snapshot) throws IOException {
        Path file = dir.resolve(SnapshotFile.fileName(snapshot.index()));
        SnapshotMeta found;
        try {
            found = check(file);
        } catch (CorruptLogException e) {
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (found.term() != snapshot.term()) {
            throw new IOException(file + " holds " + found + ", not " + snapshot);
        }
        return SnapshotFile.data(file);
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
        // Every commit is complete when it returns; sinks left open delete their own files.
    }

    /** Checks a file's header and data once, then trusts the verdict while its size stays. */
    private SnapshotMeta check(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        synchronized (this) {
            Long known = verified.get(file);
            if (known != null && known == size) {
                return SnapshotFile.readHeader(file).meta();
            }
        }
        SnapshotFile.Header header = SnapshotFile.verify(file);
        synchronized (this) {
            verified.put(file, size);
        }
        return header.meta();
    }

    /** Puts a written temporary file in place, then applies retention. */
    private synchronized void install(Path temp, Path target, long size) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (durable) {
            AtomicFile.syncDirectory(dir);
        }
        verified.put(target, size);
        retain();
    }

    /**
     * Applies retention now: deletes all but the newest {@code retention} snapshots, and the
     * listener hears the oldest one kept. A commit does this anyway; an operator's purge calls
     * it for a directory whose retention was lowered, or that an older build left fuller.
     *
     * @return the number of snapshot files deleted
     */
    public synchronized int purge() {
        try {
            return retain();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge snapshots in " + dir, e);
        }
    }

    private int retain() throws IOException {
        List<Path> files = files();
        if (files.isEmpty()) {
            return 0;
        }
        List<Path> purge = files.subList(0, Math.max(0, files.size() - retention));
        for (Path old : purge) {
            Files.delete(old);
            verified.remove(old);
        }
        if (!purge.isEmpty() && durable) {
            AtomicFile.syncDirectory(dir);
        }
        List<Path> kept = files.subList(purge.size(), files.size());
        oldestRetained.accept(SnapshotFile.indexOf(kept.get(0)));
        return purge.size();
    }

    /** One snapshot streaming into its temporary file. */
    private final class FileSink extends SnapshotSink {
        private final long index;
        private final long term;
        private final Path temp;
        private final FileChannel channel;
        private final CRC32C crc = new CRC32C();
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER);
        private long length;
        private boolean finished;

        FileSink(long index, long term, Path temp, FileChannel channel) throws IOException {
            this.index = index;
            this.term = term;
            this.temp = temp;
            this.channel = channel;
            channel.position(SnapshotFile.DATA_OFFSET);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            if (finished) {
                throw new IOException("snapshot " + index + " was committed or aborted already");
            }
            crc.update(bytes, offset, count);
            length += count;
            while (count > 0) {
                int n = Math.min(count, buffer.remaining());
                buffer.put(bytes, offset, n);
                offset += n;
                count -= n;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public SnapshotMeta commit() throws IOException {
            if (finished) {
                throw new IOException("snapshot " + index + " was committed or aborted already");
            }
            try {
                drain();
                ByteBuffer header = SnapshotFile.header(index, term, length, (int) crc.getValue());
                while (header.hasRemaining()) {
                    channel.write(header, header.position());
                }
                if (durable) {
                    channel.force(true);
                }
                channel.close();
                install(temp, dir.resolve(SnapshotFile.fileName(index)), SnapshotFile.DATA_OFFSET + length);
                finished = true;
                return new SnapshotMeta(index, term);
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("cannot delete {} of an aborted snapshot; the next open deletes it", temp, e);
            }
        }
    }
}
