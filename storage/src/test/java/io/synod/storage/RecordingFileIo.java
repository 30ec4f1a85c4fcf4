package io.synod.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The log's file I/O, recorded: for every segment it keeps what is durable (the bytes as of the
 * last force) and the writes since, in order, which a crash may or may not have let reach the
 * disk ({@link CrashImages}). After each write and each force it calls a listener, which can
 * rebuild and check every state a crash at that moment could leave.
 *
 * <p>A segment is durable as opened: the log creates one by writing a temporary file, forcing it,
 * renaming it and forcing the directory, and recovery forces what it opens. Temporary files (a
 * segment being created or prepared ahead) are recorded too, under their own names, and which
 * thread wrote how many bytes to them is counted. Directory operations
 * (creating, renaming, deleting files) are not recorded: the model takes each as done when it
 * returns, and the log makes each durable before anything depends on it.
 */
final class RecordingFileIo implements FileIo {

    /** What became of a force: the mutant that loses them shows what the crash test catches. */
    enum Forces {
        /** A force makes everything written before it durable, as it should. */
        KEPT,
        /** A force does nothing: the log behaves as if it never called fsync. */
        LOST
    }

    /** A segment as the disk may hold it. */
    static final class FileImage {
        byte[] durable;
        final List<Write> pending = new ArrayList<>();

        FileImage(byte[] durable) {
            this.durable = durable;
        }

        /** The bytes with every pending write applied: what the file holds until a crash. */
        byte[] current() {
            return CrashImages.apply(durable, pending, pending.size());
        }
    }

    /** One positional write since the last force. */
    record Write(long position, byte[] bytes) {
    }

    private final Forces forces;
    private final Map<Path, FileImage> files = new HashMap<>();
    private final Map<Path, Integer> forceCounts = new HashMap<>();
    private Consumer<RecordingFileIo> listener = io -> { };
    private long events;
    /** Bytes written to temporary files, per writing thread's name. */
    private final Map<String, Long> temporaryBytes = new HashMap<>();

    RecordingFileIo(Forces forces) {
        this.forces = forces;
    }

    /** Called after every recorded write and force, while the log still holds its lock. */
    void listen(Consumer<RecordingFileIo> onEvent) {
        this.listener = onEvent;
    }

    @Override
    public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
        // A segment is opened once it is durable (created, or recovered and forced); a name seen
        // before belonged to a segment since deleted, whose unforced writes went with it. A
        // temporary file may be created by the open itself.
        FileChannel real = FileChannel.open(file, options);
        files.put(file, new FileImage(Files.readAllBytes(file)));
        return new RecordingChannel(file, real, this);
    }

    synchronized void wrote(Path file, long position, byte[] bytes) {
        image(file).pending.add(new Write(position, bytes));
        if (file.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)) {
            temporaryBytes.merge(Thread.currentThread().getName(), (long) bytes.length, Long::sum);
        }
        event();
    }

    /** Bytes written to temporary files (segments being created or prepared) by the thread of that name. */
    synchronized long temporaryBytes(String threadName) {
        return temporaryBytes.getOrDefault(threadName, 0L);
    }

    synchronized void forced(Path file) {
        forceCounts.merge(file, 1, Integer::sum);
        if (forces == Forces.KEPT) {
            FileImage image = image(file);
            image.durable = image.current();
            image.pending.clear();
        }
        event();
    }

    /** The image of a segment opened through this recorder. */
    synchronized FileImage image(Path file) {
        FileImage image = files.get(file);
        if (image == null) {
            throw new IllegalStateException(file + " was not opened through the recorder");
        }
        return image;
    }

    synchronized boolean knows(Path file) {
        return files.containsKey(file);
    }

    /** Forces of {@code file} so far, as the channel saw them. */
    synchronized int forces(Path file) {
        return forceCounts.getOrDefault(file, 0);
    }

    /** Forces of every segment so far (not of temporary files). */
    synchronized int forces() {
        return forceCounts.entrySet().stream().filter(e -> Segment.isSegmentName(e.getKey().getFileName().toString()))
            .mapToInt(Map.Entry::getValue).sum();
    }

    synchronized long events() {
        return events;
    }

    /** True when what the log wrote so far matches the real files: the model tracks every write. */
    boolean matchesDisk(Path file) throws IOException {
        return Arrays.equals(image(file).current(), Files.readAllBytes(file));
    }

    private void event() {
        events++;
        listener.accept(this);
    }
}
