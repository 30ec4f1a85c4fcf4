package io.synod.storage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code synod-wal}: what an operator runs when a node will not start. {@code synod-wal dump <dir>}
 * lists the identity, the segments with their index ranges, the first index, the snapshots and
 * the hard state, and gives a verdict on every damage with file and offset
 * ({@link SegmentScan}): {@code TORN} (a write that never completed; dropped on open),
 * {@code SUSPECT} (a damaged last record that may have been synced; dropped on open and recorded,
 * and the node re-learns from that index before it votes) or {@code CORRUPT} (the store refuses to
 * open; restore the replica from a peer). It only reads.
 *
 * <p>Exit status: 0 when the directory would open (torn and suspect tails included), 1 when it
 * would not, 2 on a usage error.
 *
 * <pre>
 * java -jar storage/target/synod-storage-0.1.0-SNAPSHOT.jar dump /var/lib/synod/node-1
 * </pre>
 */
@Command(name = "synod-wal", mixinStandardHelpOptions = true, subcommands = LogDump.Dump.class,
    description = "Inspects a Synod data directory or log directory.")
public final class LogDump implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // The command reads files and prints; it has no log to configure, so keep SLF4J quiet about that.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(new CommandLine(new LogDump()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: dump <dir>");
    }

    /** {@code dump <dir>}: lists segments, index ranges and damage. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Lists segments, index ranges, snapshots and any damage, without changing a byte.")
    static final class Dump implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<dir>", description = "a data directory (with log/, snapshots/, hardstate) or a log directory")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a directory");
            }
            Path identity = dir.resolve(IdentityFile.FILE_NAME);
            boolean healthy = true;
            if (Files.exists(identity)) {
                healthy = dumpIdentity(identity, out);
            }
            Path logDir = Files.isDirectory(dir.resolve("log")) ? dir.resolve("log") : dir;
            healthy &= dumpLog(logDir, out);
            Path snapshots = dir.resolve("snapshots");
            if (Files.isDirectory(snapshots)) {
                dumpSnapshots(snapshots, out);
            }
            Path hardState = dir.resolve(HardStateFile.FILE_NAME);
            if (Files.exists(hardState)) {
                healthy &= dumpHardState(hardState, out);
            }
            out.println(healthy ? "result: the directory would open" : "result: DAMAGED, the store would refuse to open");
            out.flush();
            return healthy ? 0 : 1;
        }
    }

    static boolean dumpIdentity(Path file, PrintWriter out) {
        try {
            out.println("identity: " + IdentityFile.read(file));
            return true;
        } catch (CorruptLogException e) {
            out.println("identity: CORRUPT: " + e.getMessage());
            return false;
        }
    }

    static boolean dumpLog(Path dir, PrintWriter out) {
        boolean healthy = true;
        out.println("log: " + dir);
        long first;
        long cut = 0;
        try {
            LogMeta meta = LogMeta.read(dir);
            first = meta.firstIndex();
            cut = meta.truncateFrom() == 0 ? 0 : Math.max(meta.truncateFrom(), first);
            out.println("  first index: " + first + (Files.exists(dir.resolve(LogMeta.FILE_NAME)) ? " (" + LogMeta.FILE_NAME + ")" : " (no " + LogMeta.FILE_NAME + ")"));
            if (meta.suspect()) {
                out.println("  SUSPECT: indexes " + meta.suspectFrom() + ".." + meta.suspectThrough() + " may have been synced and lost"
                    + " (recorded in " + LogMeta.FILE_NAME + "); the node re-learns from index " + meta.suspectFrom() + " before it votes");
            }
            if (cut > 0) {
                out.println("  TRUNCATING: a truncation from index " + cut + " was not synced when the log stopped;"
                    + " the open drops everything from there on");
            }
        } catch (CorruptLogException e) {
            out.println("  CORRUPT: " + e.getMessage());
            first = 1;
            healthy = false;
        }
        try {
            TruncationUndo undo = TruncationUndo.read(dir);
            if (undo != null) {
                out.println("  REWRITE NOT COMMITTED: " + TruncationUndo.FILE_NAME + " holds indexes " + undo.fromIndex() + ".." + (undo.endIndex() - 1)
                    + " as of the last sync; the open truncates there again and restores them");
            }
        } catch (CorruptLogException e) {
            out.println("  CORRUPT: " + e.getMessage());
            healthy = false;
        }
        for (Path temp : list(dir, name -> name.endsWith(AtomicFile.TEMP_SUFFIX))) {
            out.println(temp.getFileName().toString().equals(SegmentPipeline.PREPARED_NAME)
                ? "  " + temp.getFileName() + " (the next segment, prepared ahead of need: not part of the log; deleted on open)"
                : "  leftover " + temp.getFileName() + " (an interrupted write; deleted on open)");
        }
        List<Path> files = new java.util.ArrayList<>();
        for (Path file : Recovery.segmentFiles(dir)) {
            if (cut > 0 && Segment.baseIndexOf(file) > cut) {
                out.println("  " + file.getFileName() + "  starts above the truncation from " + cut + " (deleted on open)");
            } else {
                files.add(file);
            }
        }
        SegmentScan previous = null;
        long last = first - 1;
        for (int i = 0; i < files.size(); i++) {
            SegmentScan scan = SegmentScan.scan(files.get(i), i == files.size() - 1, cut);
            String range = scan.count() == 0 ? "empty, starts at " + scan.baseIndex()
                : "indexes " + scan.baseIndex() + ".." + (scan.nextIndex() - 1);
            out.printf("  %s  %s  records %d  bytes used %d of %d%n", scan.file().getFileName(),
                scan.baseIndex() < 0 ? "unreadable header" : range, scan.count(), scan.end(), scan.fileSize());
            if (scan.damage() != null) {
                out.println("    " + scan.damage().describe());
            }
            try {
                Recovery.check(scan, previous);
            } catch (CorruptLogException e) {
                if (!(scan.damage() instanceof SegmentScan.Corruption)) {
                    out.println("    CORRUPT: " + e.getMessage());
                }
                healthy = false;
            }
            if (scan.nextIndex() <= first && scan.baseIndex() < first && scan.baseIndex() >= 0) {
                out.println("    wholly below the first index " + first + " (deleted on open)");
            } else if (scan.baseIndex() >= 0) {
                last = scan.nextIndex() - 1;
            }
            previous = scan;
        }
        if (files.isEmpty()) {
            out.println("  no segments (the log is empty at index " + first + ")");
        }
        if (!healthy) {
            out.println("  log damaged: the ranges above are what each segment holds up to its damage");
            return false;
        }
        out.println("  log holds " + (last >= first ? first + ".." + last + " (" + (last - first + 1) + " entries)" : "nothing; next index " + first));
        return healthy;
    }

    static void dumpSnapshots(Path dir, PrintWriter out) {
        out.println("snapshots: " + dir);
        List<Path> files = FileSnapshotStore.listSnapshots(dir);
        if (files.isEmpty()) {
            out.println("  none");
        }
        for (Path file : files) {
            try {
                SnapshotFile.Header s = SnapshotFile.verify(file);
                out.printf("  %s  index %d  term %d  %d bytes  ok%n", file.getFileName(), s.meta().index(), s.meta().term(), s.length());
            } catch (CorruptLogException e) {
                out.println("  " + file.getFileName() + "  DAMAGED (skipped in favour of an older one; the log is kept from the oldest"
                    + " snapshot on, so recovery replays it from there): " + e.getMessage());
            }
        }
    }

    static boolean dumpHardState(Path file, PrintWriter out) {
        try {
            out.println("hard state: " + HardStateFile.read(file).length + " bytes  ok");
            return true;
        } catch (CorruptLogException e) {
            out.println("hard state: CORRUPT: " + e.getMessage());
            return false;
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> name) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
