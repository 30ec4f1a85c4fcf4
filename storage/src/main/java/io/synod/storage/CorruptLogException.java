package io.synod.storage;

import java.nio.file.Path;

/**
 * A storage file failed its checks somewhere a crash cannot explain: a bad checksum before the
 * log's tail, a broken header, a gap between segments. The store refuses to open rather than load
 * part of its history; an operator inspects the directory with {@link LogDump}.
 */
public final class CorruptLogException extends RuntimeException {

    /** What was checked; decides how expected and actual values are printed. */
    public enum Check {
        /** A CRC32C did not match; values print as hex. */
        CHECKSUM,
        /** A record or segment carried another index than its position demands. */
        INDEX,
        /** A length field points past the end of the file. */
        LENGTH,
        /** A magic number or format version is not ours. */
        HEADER
    }

    private final transient Path file;
    private final long offset;
    private final String problem;
    private final Check check;
    private final long expected;
    private final long actual;

    public CorruptLogException(Path file, long offset, Check check, String problem, long expected, long actual) {
        super(file + " at offset " + offset + ": " + problem + " (expected " + format(check, expected)
            + ", actual " + format(check, actual) + ")");
        this.file = file;
        this.offset = offset;
        this.problem = problem;
        this.check = check;
        this.expected = expected;
        this.actual = actual;
    }

    private static String format(Check check, long value) {
        return check == Check.CHECKSUM || check == Check.HEADER ? String.format("0x%08x", value) : Long.toString(value);
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the damage starts. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without file, offset and values. */
    public String problem() {
        return problem;
    }

    public Check check() {
        return check;
    }

    /** The value the file should have held (a checksum, an index, a magic number). */
    public long expected() {
        return expected;
    }

    /** The value found. */
    public long actual() {
        return actual;
    }
}
