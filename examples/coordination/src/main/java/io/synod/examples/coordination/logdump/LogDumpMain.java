package io.synod.examples.coordination.logdump;

import io.synod.api.LogEntry;
import io.synod.examples.coordination.server.Zxid;
import io.synod.storage.CorruptLogException;
import io.synod.storage.OfflineLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.Callable;

/**
 * {@code synod-log}: reads a coordination server's data directory offline (the server may be stopped;
 * nothing is written) and prints its transactions as ZooKeeper's LogFormatter prints a transaction log,
 * one line each ({@link TxnFormatter}). {@code --snapshot} adds the snapshots' headers.
 *
 * <p>Every segment passes the storage module's checks first: a damaged record stops the dump with the
 * file and offset named (exit 1) after the transactions before it; a torn or suspect tail, which the
 * server drops when it opens, is said and ends the log. Exit 0 otherwise, 2 for a bad command line.
 *
 * <pre>
 * bin/synod-log dump ./synod-data
 * 12/6/26, 10:44:59 AM UTC session 0x20000 cxid 0x2 zxid 0x30000 create '/app,#76,v{s{31,s{'world,'anyone}}},F
 * </pre>
 */
@Command(name = "synod-log", mixinStandardHelpOptions = true, subcommands = LogDumpMain.Dump.class,
    description = "Prints a coordination server's write-ahead log as ZooKeeper's LogFormatter does.")
public final class LogDumpMain implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8), Locale.getDefault(), TimeZone.getDefault()));
    }

    /** Runs the tool on the given streams, with times in {@code zone}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Locale locale, TimeZone zone) {
        CommandLine line = new CommandLine(new LogDumpMain());
        line.setOut(out);
        line.setErr(err);
        line.getSubcommands().get("dump").<Dump>getCommand().formatter = new TxnFormatter(locale, zone);
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: dump <dataDir|logDir>");
    }

    /** {@code dump <dir> [--snapshot]}. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints one line per transaction of the log in <dir>, oldest first.")
    static final class Dump implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "<dir>", description = "a server's dataDir (with log/ and snapshots/) or its log directory")
        Path dir;

        @Option(names = "--snapshot", description = "also print the snapshots' headers (index, term, size, checksums)")
        boolean snapshots;

        TxnFormatter formatter = new TxnFormatter(Locale.getDefault(), TimeZone.getDefault());

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a directory");
            }
            long[] txns = {0};
            long[] entries = {0};
            try {
                OfflineLog.read(dir, new OfflineLog.Visitor() {
                    @Override
                    public void segment(Path file, long baseIndex) {
                        out.println("Synod log segment " + file + " from index " + baseIndex);
                    }

                    @Override
                    public void entry(LogEntry entry, Path file, int offset) {
                        if (entries[0]++ == 0 && entry.index() > 1) {
                            out.println("the log starts at index " + entry.index() + ": what came before is in a snapshot");
                        }
                        for (String line : formatter.lines(entry)) {
                            out.println(line);
                            txns[0]++;
                        }
                    }

                    @Override
                    public void droppedTail(String description) {
                        out.println("end of the log: " + description + " (the server drops it when it opens)");
                    }
                });
            } catch (CorruptLogException e) {
                out.flush();
                err.println("synod-log: the log is damaged, stopped after " + txns[0] + " txns: " + e.getMessage());
                return 1;
            } catch (UncheckedIOException e) {
                out.flush();
                err.println("synod-log: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
                return 1;
            }
            out.println("EOF reached after " + txns[0] + " txns.");
            if (snapshots) {
                for (OfflineLog.SnapshotHeader s : OfflineLog.snapshots(dir)) {
                    out.println(s.ok()
                        ? "snapshot " + s.file().getFileName() + " index " + s.index() + " term " + s.term() + " " + s.length()
                            + " bytes, zxids up to 0x" + Long.toHexString(Zxid.of(s.index(), 0xFFFF)) + ", checksums ok"
                        : "snapshot " + s.file().getFileName() + " DAMAGED: " + s.damage());
                }
            }
            return 0;
        }
    }
}
