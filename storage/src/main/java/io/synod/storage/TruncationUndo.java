package io.synod.storage;

import io.synod.api.LogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The before-image of a truncation that dropped durable entries: what makes truncate-then-append
 * crash-atomic. A log that truncates and appends a new tail cannot write both at once, and a crash
 * between the zeros of the truncation and the force of the new tail would leave the truncated old
 * log with part of the new tail: entries it had made durable (a Paxos acceptor's acceptances) gone,
 * and nothing complete in their place. So before the first zero is written, the durable entries the
 * truncation drops are saved here (atomically, {@link AtomicFile}); the sync that makes the new
 * tail durable deletes the file, and that deletion is the commit point. On open a file found here
 * means the new tail never committed: {@link FileLogStore} truncates at {@link #fromIndex()} again
 * and appends {@link #entries()}, giving back the log as of the last sync (ARIES-style undo, with
 * the log's own truncation as the redo).
 *
 * <p>Layout (big-endian):
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNU" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |            from index: the first entry saved (long)           |  FROM_OFFSET
 * |                     entry count (int)                         |  COUNT_OFFSET
 * |   per entry: term (long), data length (int), data             |  ENTRIES_OFFSET
 * |               CRC32C of every byte above (int)                |  last 4 bytes
 * +---------------------------------------------------------------+
 * </pre>
 *
 * @param fromIndex the index of the first saved entry: the lowest truncation point since the last sync
 * @param entries   the durable entries from {@code fromIndex} on, contiguous
 */
record TruncationUndo(long fromIndex, List<LogEntry> entries) {

    static final String FILE_NAME = "log.undo";
    static final int MAGIC = 0x53594E55; // "SYNU"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FROM_OFFSET = 8;
    static final int COUNT_OFFSET = 16;
    static final int ENTRIES_OFFSET = 20;
    private static final int CRC_LENGTH = 4;

    TruncationUndo {
        entries = List.copyOf(entries);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() != fromIndex + i) {
                throw new IllegalArgumentException("undo entry " + entries.get(i) + " is not at index " + (fromIndex + i));
            }
        }
    }

    /** The index after the last saved entry. */
    long endIndex() {
        return fromIndex + entries.size();
    }

    /** This before-image with {@code earlier} (the entries just below it) put in front. */
    TruncationUndo extendedDown(List<LogEntry> earlier) {
        List<LogEntry> all = new ArrayList<>(earlier.size() + entries.size());
        all.addAll(earlier);
        all.addAll(entries);
        return new TruncationUndo(earlier.isEmpty() ? fromIndex : earlier.get(0).index(), all);
    }

    /** This before-image without the entries below {@code index} (a compaction dropped them). */
    TruncationUndo from(long index) {
        if (index <= fromIndex) {
            return this;
        }
        int drop = (int) Math.min(entries.size(), index - fromIndex);
        return new TruncationUndo(index, entries.subList(drop, entries.size()));
    }

    /** Writes the file atomically; durable when {@code durable}. */
    void write(Path dir, boolean durable) {
        int length = ENTRIES_OFFSET + CRC_LENGTH;
        for (LogEntry e : entries) {
            length = Math.addExact(length, Long.BYTES + Integer.BYTES + e.data().length);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(MAGIC).putInt(VERSION).putLong(fromIndex).putInt(entries.size());
        for (LogEntry e : entries) {
            out.putLong(e.term()).putInt(e.data().length).put(e.data());
        }
        out.putInt(checksum(out, out.position()));
        out.flip();
        AtomicFile.write(dir.resolve(FILE_NAME), out, durable);
    }

    /**
     * The before-image in {@code dir}, or null when there is none.
     *
     * @throws CorruptLogException naming the file and offset if it is damaged: it was written
     *                             atomically, so no crash explains that
     */
    static TruncationUndo read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer in = AtomicFile.read(file);
        if (in.limit() < ENTRIES_OFFSET + CRC_LENGTH) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "undo file shorter than its header",
                ENTRIES_OFFSET + CRC_LENGTH, in.limit());
        }
        if (in.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not an undo file: bad magic number",
                MAGIC, in.getInt(MAGIC_OFFSET));
        }
        int crcAt = in.limit() - CRC_LENGTH;
        int crc = checksum(in, crcAt);
        if (in.getInt(crcAt) != crc) {
            throw new CorruptLogException(file, crcAt, CorruptLogException.Check.CHECKSUM, "undo file checksum mismatch",
                Integer.toUnsignedLong(in.getInt(crcAt)), Integer.toUnsignedLong(crc));
        }
        if (in.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported undo file version",
                VERSION, in.getInt(VERSION_OFFSET));
        }
        long from = in.getLong(FROM_OFFSET);
        int count = in.getInt(COUNT_OFFSET);
        in.position(ENTRIES_OFFSET);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = in.position();
            if (crcAt - at < Long.BYTES + Integer.BYTES) {
                throw new CorruptLogException(file, at, CorruptLogException.Check.LENGTH, "undo file ends inside entry " + (from + i),
                    Long.BYTES + Integer.BYTES, crcAt - at);
            }
            long term = in.getLong();
            int length = in.getInt();
            if (length < 0 || length > crcAt - in.position()) {
                throw new CorruptLogException(file, at + Long.BYTES, CorruptLogException.Check.LENGTH,
                    "undo entry " + (from + i) + " runs past the end of the file", crcAt - in.position(), length);
            }
            byte[] data = new byte[length];
            in.get(data);
            entries.add(new LogEntry(from + i, term, data));
        }
        if (in.position() != crcAt) {
            throw new CorruptLogException(file, in.position(), CorruptLogException.Check.LENGTH, "undo file has stray bytes",
                crcAt, in.position());
        }
        return new TruncationUndo(from, entries);
    }

    /** Deletes the file: the truncation it guarded is committed. Durable when {@code durable}. */
    static void delete(Path dir, boolean durable) {
        try {
            if (Files.deleteIfExists(dir.resolve(FILE_NAME)) && durable) {
                AtomicFile.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.resolve(FILE_NAME), e);
        }
    }

    private static int checksum(ByteBuffer bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(0, length));
        return (int) crc.getValue();
    }
}
