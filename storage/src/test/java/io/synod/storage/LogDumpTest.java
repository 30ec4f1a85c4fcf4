package io.synod.storage;

import io.synod.api.LogEntry;
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
            Snapshots.save(storage.snapshots(), 10, 2, new byte[] {9});
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

    private Path lastSegment() {
        List<Path> segments = Recovery.segmentFiles(dir.resolve("log"));
        return segments.get(segments.size() - 1);
    }

    @Test
    void aTornTailIsReportedAsRepairable() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, StorageOptions.builder().segmentSize(8192).build())) {
            byte[] data = new byte[1500];
            java.util.Arrays.fill(data, (byte) 7);
            storage.log().append(List.of(new LogEntry(1, 1, new byte[100]), new LogEntry(2, 1, data)));
            storage.log().sync();
        }
        Path last = lastSegment();
        int at = SegmentScan.scan(last, true).offsets()[1];
        // The record's second sector never reached the disk.
        int sector = (at / SegmentScan.SECTOR + 1) * SegmentScan.SECTOR;
        LogCorruptionTest.zero(last, sector, sector + SegmentScan.SECTOR);
        Run run = dump(dir);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("TORN: torn write at offset " + at), run.out());
        assertTrue(run.out().contains("log holds 1..1 (1 entries)"), run.out());
    }

    @Test
    void aDamagedLastRecordIsReportedSuspectWithItsIndexAndTheDirectoryStillOpens() throws IOException {
        populate();
        Path last = lastSegment();
        SegmentScan scan = SegmentScan.scan(last, true);
        int at = scan.offsets()[scan.count() - 1];
        LogCorruptionTest.flip(last, at + RecordLayout.DATA_OFFSET + 5);
        Run run = dump(dir);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("SUSPECT: damaged last record at offset " + at) && run.out().contains("index 60 may have been synced"), run.out());
        FileStorage.open(dir, OPTIONS).close();
        Run after = dump(dir);
        assertTrue(after.out().contains("SUSPECT: indexes 60..") && after.out().contains("recorded in log.meta"), after.out());
    }

    @Test
    void aTruncationThatWasNotSyncedIsShownAsDroppedOnOpen() {
        try (FileLogStore log = FileLogStore.open(dir.resolve("log"), OPTIONS)) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                entries.add(new LogEntry(i, 2, new byte[30]));
            }
            log.append(entries);
            log.sync();
            log.truncateSuffix(20); // what a crash right now leaves: the truncation recorded, not yet synced
            Run run = dump(dir);
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(run.out().contains("TRUNCATING: a truncation from index 20"), run.out());
            assertTrue(run.out().contains("log holds 1..19 (19 entries)"), run.out());
        }
        assertTrue(!dump(dir).out().contains("TRUNCATING"), "closing the log forces the truncation and forgets it");
    }

    @Test
    void theIdentityIsShown() {
        populate();
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.claim(new io.synod.spi.NodeIdentity("prod", 3));
        }
        Run run = dump(dir);
        assertTrue(run.out().contains("identity: node 3 of cluster \"prod\""), run.out());
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Run run = dump(dir.resolve("nope"));
        assertEquals(2, run.exitCode());
        assertTrue(run.out().contains("is not a directory"), run.out());
    }
}
