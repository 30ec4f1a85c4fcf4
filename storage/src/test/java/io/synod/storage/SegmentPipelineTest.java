package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The next segment prepared in the background ({@link SegmentPipeline}), on the log's own thread:
 * a roll takes it without writing zeros on the appending thread, a failure of the preparation
 * stops the next roll naming the file, closing the log stops the thread, and a prepared file left
 * by a crash is not part of the log.
 */
class SegmentPipelineTest {

    private static final int SEGMENT = 64 << 10;
    private static final StorageOptions OPTIONS = StorageOptions.builder().segmentSize(SEGMENT).build();
    /** Generous: the machine is shared and its disk slow at times. Only a hung preparation waits this long. */
    private static final long SETTLE_MILLIS = 60_000;
    private static final int RECORD = 1000;

    @TempDir
    Path dir;

    @Test
    void aRollTakesThePreparedSegmentAndWritesNoZerosOnTheAppendingThread() throws Exception {
        RecordingFileIo io = new RecordingFileIo(RecordingFileIo.Forces.KEPT);
        String appender = Thread.currentThread().getName();
        try (FileLogStore log = FileLogStore.open(dir, OPTIONS, io)) {
            SegmentPipeline pipeline = log.segmentPipeline();
            for (int roll = 1; roll <= 3; roll++) {
                fillPastHalf(log);
                assertTrue(pipeline.awaitSettled(SETTLE_MILLIS), "the preparation did not finish in " + SETTLE_MILLIS + " ms");
                assertTrue(pipeline.ready(), "a prepared segment waits for the roll");
                long before = io.temporaryBytes(appender);
                rollOnce(log);
                assertTrue(io.temporaryBytes(appender) - before <= SegmentHeader.LENGTH,
                    "roll " + roll + ": the appending thread wrote " + (io.temporaryBytes(appender) - before)
                        + " bytes to a segment in the making; only the header should be");
                assertEquals(roll, pipeline.taken(), "roll " + roll + " took the prepared segment");
            }
            Thread preparer = pipeline.thread();
            assertNotNull(preparer);
            assertTrue(io.temporaryBytes(preparer.getName()) >= 3L * SEGMENT, "the zeros were written on " + preparer.getName());
            log.sync();
            assertEquals(4, Recovery.segmentFiles(dir).size());
        }
        try (FileLogStore reopened = FileLogStore.open(dir, OPTIONS)) {
            for (long i = 1; i <= reopened.lastIndex(); i++) {
                assertEquals(i, reopened.entry(i).data()[0] & 0xFF | (reopened.entry(i).data()[1] & 0xFF) << 8);
            }
        }
    }

    /** The control: with preallocation off the same rolls zero whole segments on the appending thread, and no thread starts. */
    @Test
    void withoutPreallocationTheAppendingThreadWritesTheZeros() {
        RecordingFileIo io = new RecordingFileIo(RecordingFileIo.Forces.KEPT);
        String appender = Thread.currentThread().getName();
        StorageOptions off = StorageOptions.builder().segmentSize(SEGMENT).preallocateSegments(false).build();
        try (FileLogStore log = FileLogStore.open(dir, off, io)) {
            fillPastHalf(log);
            long before = io.temporaryBytes(appender);
            rollOnce(log);
            assertTrue(io.temporaryBytes(appender) - before >= SEGMENT, "the appending thread zeroed the new segment");
            assertEquals(0, log.segmentPipeline().taken());
            assertNull(log.segmentPipeline().thread(), "no preparing thread without preallocation");
        }
    }

    @Test
    void aFailedPreparationStopsTheNextRollNamingTheFile() throws Exception {
        Path prepared = dir.resolve(SegmentPipeline.PREPARED_NAME);
        FileIo diskFull = (file, options) -> {
            if (file.equals(prepared)) {
                FileChannel channel = FileChannel.open(file, options);
                channel.close();
                throw new IOException("No space left on device");
            }
            return FileChannel.open(file, options);
        };
        try (FileLogStore log = FileLogStore.open(dir, OPTIONS, diskFull)) {
            fillPastHalf(log);
            assertTrue(log.segmentPipeline().awaitSettled(SETTLE_MILLIS));
            assertFalse(log.segmentPipeline().ready());
            UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> rollOnce(log));
            assertTrue(failed.getMessage().contains(prepared.toString()), failed.getMessage());
            assertEquals("No space left on device", failed.getCause().getMessage());
            IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> log.append(List.of(entry(log.lastIndex() + 1))));
            assertTrue(stopped.getMessage().contains("failed earlier"), stopped.getMessage());
        }
    }

    @Test
    void closingTheLogStopsThePreparingThreadAndDeletesThePreparedFile() throws Exception {
        FileLogStore log = FileLogStore.open(dir, OPTIONS);
        fillPastHalf(log);
        SegmentPipeline pipeline = log.segmentPipeline();
        assertTrue(pipeline.awaitSettled(SETTLE_MILLIS));
        Thread preparer = pipeline.thread();
        assertNotNull(preparer);
        assertTrue(preparer.isAlive(), "the thread waits for the next preparation");
        assertTrue(Files.exists(dir.resolve(SegmentPipeline.PREPARED_NAME)));
        log.close();
        assertFalse(preparer.isAlive(), "close returns only once " + preparer.getName() + " has ended");
        assertFalse(Files.exists(dir.resolve(SegmentPipeline.PREPARED_NAME)));
    }

    /** A prepared file a crash left, half zeroed or with a header not yet renamed: dump and readers pass it by, open deletes it. */
    @Test
    void aPreparedFileLeftByACrashIsNotPartOfTheLog() throws IOException {
        long last;
        try (FileLogStore log = FileLogStore.open(dir, OPTIONS)) {
            fillPastHalf(log);
            rollOnce(log);
            log.sync();
            last = log.lastIndex();
        }
        Path prepared = dir.resolve(SegmentPipeline.PREPARED_NAME);
        ByteBuffer header = SegmentHeader.encode(last + 1);
        byte[] halfMade = new byte[SEGMENT / 3];
        header.get(halfMade, 0, SegmentHeader.LENGTH);
        Files.write(prepared, halfMade);

        StringWriter out = new StringWriter();
        int code = new CommandLine(new LogDump()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute("dump", dir.toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains(SegmentPipeline.PREPARED_NAME + " (the next segment, prepared ahead"), out.toString());
        List<Long> read = new ArrayList<>();
        OfflineLog.read(dir, (entry, file, offset) -> read.add(entry.index()));
        assertEquals(last, read.size());

        try (FileLogStore log = FileLogStore.open(dir, OPTIONS)) {
            assertFalse(Files.exists(prepared), "recovery deletes it");
            assertEquals(last, log.lastIndex());
            log.append(List.of(entry(last + 1)));
            log.sync();
        }
    }

    private static LogEntry entry(long index) {
        byte[] data = new byte[RECORD];
        data[0] = (byte) index;
        data[1] = (byte) (index >> 8);
        return new LogEntry(index, 1, data);
    }

    /** Appends until the active segment is more than half full: the pipeline is asked for the next. */
    private static void fillPastHalf(FileLogStore log) {
        int records = (SEGMENT / 2) / (RECORD + RecordLayout.HEADER_LENGTH) + 1;
        for (int i = 0; i < records; i++) {
            log.append(List.of(entry(log.lastIndex() + 1)));
        }
        log.sync();
    }

    /** Appends until the log has started a new segment. */
    private void rollOnce(FileLogStore log) {
        int segments = Recovery.segmentFiles(dir).size();
        while (Recovery.segmentFiles(dir).size() == segments) {
            log.append(List.of(entry(log.lastIndex() + 1)));
        }
    }
}
