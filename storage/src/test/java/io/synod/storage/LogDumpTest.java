package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.api.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogDumpTest {

    private static final StorageOptions OPTIONS = StorageOptions.builder().segmentSize(1024).build();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out) {
    }

    private static Run dump(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LogDump()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute("dump", dir.toString());
        return new Run(code, out + err.toString());
    }

    private void populate() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                entries.add(new LogEntry(i, 2, new byte[30]));
            }
            storage.log().append(entries);
            storage.log().sync();
            storage.hardState().save(new byte[] {1, 2, 3});
            storage.snapshots().save(new Snapshot(10, 2, new byte[] {9}));
        }
    }

    @Test
    void aHealthyDirectoryListsSegmentsRangesSnapshotsAndHardState() {
        populate();
        Run run = dump(dir);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("indexes 1.."), run.out());
        assertTrue(run.out().contains("log holds "), run.out());
        assertTrue(run.out().contains("..60 ("), run.out());
        assertTrue(run.out().contains(SnapshotFile.fileName(10) + "  index 10  term 2"), run.out());
        assertTrue(run.out().contains("hard state: 3 bytes  ok"), run.out());
    }

    @Test
    void corruptionIsNamedWithFileAndOffsetAndTheExitCodeSaysSoWithoutRepairingAnything() throws IOException {
        populate();
        Path segment = Recovery.segmentFiles(dir.resolve("log")).get(0);
        int at = SegmentScan.scan(segment, false).offsets()[2];
        LogCorruptionTest.flip(segment, at + RecordLayout.DATA_OFFSET);
        byte[] before = Files.readAllBytes(segment);
        Run run = dump(dir);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("CORRUPT: " + segment + " at offset " + at), run.out());
        assertArrayEquals(before, Files.readAllBytes(segment), "dump only reads");
    }

    @Test
    void aTornTailIsReportedAsRepairable() throws IOException {
        populate();
        List<Path> segments = Recovery.segmentFiles(dir.resolve("log"));
        Path last = segments.get(segments.size() - 1);
        int end = SegmentScan.scan(last, true).end();
        Files.write(last, new byte[0], java.nio.file.StandardOpenOption.APPEND);
        try (var channel = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3}), end);
        }
        Run run = dump(dir);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("torn tail at offset " + end), run.out());
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Run run = dump(dir.resolve("nope"));
        assertEquals(2, run.exitCode());
        assertTrue(run.out().contains("is not a directory"), run.out());
    }
}
