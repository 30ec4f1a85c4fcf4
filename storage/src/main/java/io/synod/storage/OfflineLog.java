package io.synod.storage;

import io.synod.api.LogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log directory and its snapshots' headers without opening the store: no lock, no
 * recovery, not one byte written. For tools that print what a replica holds (the coordination
 * service's {@code synod-log dump}); a replica reads its log through {@link FileStorage}.
 *
 * <p>Each segment passes the checks recovery makes ({@link SegmentScan}, the continuity check of
 * {@link Recovery}): a {@code CORRUPT} verdict is thrown as the {@link CorruptLogException} that
 * names file and offset, after the good entries before it (in its segment too) were handed over. A torn or suspect tail of
 * the last segment, which the next open drops, ends the entries and is reported to the visitor.
 * Entries below the first index (compacted, a snapshot covers them) and from an unfinished
 * truncation on are not handed over, since an open would not keep them either.
 */
public final class OfflineLog {

    /** Receives what {@link #read} finds, in log order. */
    public interface Visitor {

        /** A segment about to be read: its file and base index. */
        default void segment(Path file, long baseIndex) {
        }

        /** One entry, with the segment file and the byte offset of its record there. */
        void entry(LogEntry entry, Path file, int offset);

        /** The damaged tail of the last segment that an open would drop (torn or suspect), described. */
        default void droppedTail(String description) {
        }
    }

    /** A snapshot file's header as read, or why it cannot be used. */
    public record SnapshotHeader(Path file, long index, long term, long length, String damage) {

        public boolean ok() {
            return damage == null;
        }
    }

    private OfflineLog() {
    }

    /**
     * Hands every entry of the log in {@code dir} (a data directory with {@code log/}, or the log
     * directory itself) to {@code visitor}.
     *
     * @throws CorruptLogException at the first damage an open would refuse, naming file and offset
     */
    public static void read(Path dir, Visitor visitor) {
        Path logDir = Files.isDirectory(dir.resolve("log")) ? dir.resolve("log") : dir;
        LogMeta meta = LogMeta.read(logDir);
        long first = meta.firstIndex();
        long cut = meta.truncateFrom() == 0 ? 0 : Math.max(meta.truncateFrom(), first);
        List<Path> files = new ArrayList<>();
        for (Path file : Recovery.segmentFiles(logDir)) {
            if (cut == 0 || Segment.baseIndexOf(file) <= cut) {
                files.add(file);
            }
        }
        SegmentScan previous = null;
        for (int i = 0; i < files.size(); i++) {
            boolean last = i == files.size() - 1;
            SegmentScan scan = SegmentScan.scan(files.get(i), last, cut);
            // A damaged record stops the read, but the good records before it in its segment are handed over first.
            boolean damaged = scan.damage() instanceof SegmentScan.Corruption;
            boolean continues = scan.baseIndex() >= 0 && (previous == null || scan.baseIndex() == previous.nextIndex());
            if (!damaged || !continues) {
                Recovery.check(scan, previous);
            }
            visitor.segment(scan.file(), scan.baseIndex());
            if (scan.count() > 0 && scan.nextIndex() > first) {
                ByteBuffer buffer = readAll(scan.file());
                for (int r = 0; r < scan.count(); r++) {
                    long index = scan.baseIndex() + r;
                    if (index >= first) {
                        int at = scan.offsets()[r];
                        visitor.entry(decode(buffer, at), scan.file(), at);
                    }
                }
            }
            if (damaged) {
                Recovery.check(scan, previous);
            }
            if (scan.damage() instanceof SegmentScan.TornTail || scan.damage() instanceof SegmentScan.SuspectTail) {
                visitor.droppedTail(scan.damage().describe());
            }
            previous = scan;
        }
    }

    /**
     * The headers of the snapshots in {@code dir} (a data directory with {@code snapshots/}, or the
     * snapshot directory itself), oldest first, each checked against its checksums.
     */
    public static List<SnapshotHeader> snapshots(Path dir) {
        Path snapDir = Files.isDirectory(dir.resolve("snapshots")) ? dir.resolve("snapshots") : dir;
        List<SnapshotHeader> headers = new ArrayList<>();
        if (!Files.isDirectory(snapDir)) {
            return headers;
        }
        for (Path file : FileSnapshotStore.listSnapshots(snapDir)) {
            try {
                SnapshotFile.Header h = SnapshotFile.verify(file);
                headers.add(new SnapshotHeader(file, h.meta().index(), h.meta().term(), h.length(), null));
            } catch (CorruptLogException e) {
                headers.add(new SnapshotHeader(file, SnapshotFile.indexOf(file), -1, -1, e.getMessage()));
            }
        }
        return headers;
    }

    private static LogEntry decode(ByteBuffer buffer, int at) {
        int length = buffer.getInt(at + RecordLayout.LENGTH_OFFSET);
        byte[] data = new byte[length];
        buffer.get(at + RecordLayout.DATA_OFFSET, data);
        return new LogEntry(buffer.getLong(at + RecordLayout.INDEX_OFFSET), buffer.getLong(at + RecordLayout.TERM_OFFSET), data);
    }

    private static ByteBuffer readAll(Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
