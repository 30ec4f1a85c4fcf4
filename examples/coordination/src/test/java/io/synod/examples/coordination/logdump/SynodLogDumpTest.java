package io.synod.examples.coordination.logdump;

import io.synod.api.LogEntry;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import io.synod.examples.coordination.cli.OneServer;
import io.synod.examples.coordination.cli.SynodCliTest;
import io.synod.examples.coordination.client.KeeperError;
import io.synod.examples.coordination.client.ZooKeeperClient;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.OfflineLog;
import io.synod.storage.StorageOptions;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * synod-log dump on the data directory of a server that ran writes of every kind and was stopped: one
 * line per transaction in ZooKeeper's LogFormatter shape; a flipped byte stops the dump naming file and
 * offset.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SynodLogDumpTest {

    private static final String OPEN = "v{s{31,s{'world,'anyone}}}";

    @TempDir
    static Path dataDir;
    private static long session;
    private static long officialSession;

    @BeforeAll
    static void runWritesThenStop() throws Exception {
        // Small segments, so the log spans several files.
        FileStorage storage = FileStorage.open(dataDir, StorageOptions.builder().segmentSize(512).build());
        try (OneServer server = OneServer.start(storage)) {
            try (ZooKeeperClient zk = ZooKeeperClient.connect(server.address(), 30_000, e -> {
            })) {
                session = zk.sessionId();
                byte[] v = "v".getBytes(StandardCharsets.UTF_8);
                zk.create("/dump", v, Acl.OPEN, CreateMode.PERSISTENT, 0);
                zk.create("/dump/e", null, Acl.OPEN, CreateMode.EPHEMERAL, 0);
                zk.create("/dump/s-", v, Acl.OPEN, CreateMode.PERSISTENT_SEQUENTIAL, 0);
                zk.create("/dump/c", v, Acl.OPEN, CreateMode.CONTAINER, 0);
                zk.create("/dump/t", v, Acl.OPEN, CreateMode.PERSISTENT_WITH_TTL, 60_000);
                zk.setData("/dump", "v2".getBytes(StandardCharsets.UTF_8), 0);
                zk.setAcl("/dump/t", List.of(new Acl(Perms.READ, Id.ANYONE)), -1);
                zk.delete("/dump/c", -1);
                try {
                    zk.delete("/dump/none", -1);
                } catch (KeeperError expected) {
                    // a failed write is in the log too
                }
            }
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper official = new ZooKeeper(server.hostPort(), 30_000, e -> connected.countDown());
            try {
                assertTrue(connected.await(60, TimeUnit.SECONDS), "the official client did not connect");
                officialSession = official.getSessionId();
                official.multi(List.of(Op.check("/dump", 1),
                    Op.create("/dump/m", new byte[] {1, 2}, ZooDefs.Ids.OPEN_ACL_UNSAFE, org.apache.zookeeper.CreateMode.PERSISTENT),
                    Op.setData("/dump/m", new byte[] {3}, 0), Op.delete("/dump/m", 1)));
            } finally {
                official.close();
            }
        }
    }

    private static List<Path> snapshotFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            return files.filter(f -> f.toString().endsWith(".snap")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run dump(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LogDumpMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Locale.US,
            TimeZone.getTimeZone("UTC"));
        return new Run(code, out.toString(), err.toString());
    }

    /** The lines of one session, the time, session and zxid columns checked and cut off. */
    private static List<String> txnsOf(String out, long sessionId) {
        Pattern line = Pattern.compile("^\\d+/\\d+/\\d+, \\d+:\\d\\d:\\d\\d\\s[AP]M UTC session 0x([0-9a-f]+) cxid 0x([0-9a-f]+)"
            + " zxid 0x([0-9a-f]+) (.*)$");
        List<String> txns = new ArrayList<>();
        long lastZxid = 0;
        for (String l : out.lines().toList()) {
            var m = line.matcher(l);
            if (m.matches()) {
                long zxid = Long.parseUnsignedLong(m.group(3), 16);
                assertTrue(zxid > lastZxid, "zxids grow: " + l);
                lastZxid = zxid;
                if (Long.parseUnsignedLong(m.group(1), 16) == sessionId) {
                    txns.add(m.group(4));
                }
            }
        }
        return txns;
    }

    @Test
    void everyKindOfWritePrintsAsLogFormatterWould() {
        Run run = dump("dump", dataDir.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of(
            "createSession 30000",
            "create '/dump,#76," + OPEN + ",F",
            "create '/dump/e,," + OPEN + ",T",
            "create '/dump/s-,#76," + OPEN + ",F",
            "createContainer '/dump/c,#76," + OPEN,
            "createTTL '/dump/t,#76," + OPEN + ",60000",
            "setData '/dump,#7632,0",
            "setACL '/dump/t,v{s{1,s{'world,'anyone}}},-1",
            "delete '/dump/c",
            "delete '/dump/none",
            "closeSession"), txnsOf(run.out(), session), run.out());
        List<String> official = txnsOf(run.out(), officialSession);
        assertTrue(official.contains("multi v{s{check,'/dump,1},s{create,'/dump/m,#0102," + OPEN + ",F},s{setData,'/dump/m,#03,0},"
            + "s{delete,'/dump/m}}"), String.join("\n", official));
        assertTrue(run.out().lines().filter(l -> l.startsWith("Synod log segment ")).count() > 1, "several segments: " + run.out());
        assertTrue(run.out().strip().matches("(?s).*\nEOF reached after \\d+ txns\\.$"), run.out());
    }

    @Test
    void theCreateSessionLineCarriesTheSessionIdTheClientGot() {
        String out = dump("dump", dataDir.resolve("log").toString()).out();
        assertTrue(out.contains(" session 0x" + Long.toHexString(session) + " cxid 0x0 zxid 0x" + Long.toHexString(session)
            + " createSession "), "the session id is the zxid of its open: " + out);
    }

    @Test
    void aFlippedByteStopsTheDumpNamingFileAndOffset(@TempDir Path copy) throws Exception {
        copyTree(dataDir, copy);
        // A record with an intact one after it in the same segment (damage, not a torn write) and one before it there
        // (which the dump still prints).
        List<Object[]> records = new ArrayList<>();
        OfflineLog.read(copy, (LogEntry entry, Path file, int offset) -> records.add(new Object[] {file, offset, entry}));
        int victim = 3;
        while (!records.get(victim)[0].equals(records.get(victim + 1)[0]) || !records.get(victim)[0].equals(records.get(victim - 1)[0])) {
            victim++;
        }
        Path file = (Path) records.get(victim)[0];
        int offset = (Integer) records.get(victim)[1];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset + 32);
            int b = raf.read();
            raf.seek(offset + 32);
            raf.write(b ^ 0x40);
        }
        Run run = dump("dump", copy.toString());
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().contains(file + " at offset " + offset + ": record checksum mismatch"), run.err());
        // Every transaction before the damaged record is printed, and nothing after it.
        TxnFormatter formatter = new TxnFormatter(Locale.US, TimeZone.getTimeZone("UTC"));
        List<String> before = records.subList(0, victim).stream().flatMap(r -> formatter.lines((LogEntry) r[2]).stream()).toList();
        assertTrue(!before.isEmpty());
        assertEquals(before, run.out().lines().filter(l -> !l.startsWith("Synod log segment ")).toList());
        assertTrue(run.err().startsWith("synod-log: the log is damaged, stopped after " + before.size() + " txns: "), run.err());
    }

    @Test
    void snapshotHeadersAreCheckedAndUsageErrorsSaid(@TempDir Path dir, @TempDir Path copy) throws Exception {
        // A snapshot every 3 entries: the file storage then drops the log segments the oldest kept snapshot covers.
        FileStorage storage = FileStorage.open(dir, StorageOptions.builder().segmentSize(512).build());
        try (OneServer server = OneServer.start(storage, ReplicaConfig.defaults().withSnapshotEvery(3))) {
            try (ZooKeeperClient zk = ZooKeeperClient.connect(server.address(), 30_000, e -> {
            })) {
                for (int i = 0; i < 12; i++) {
                    zk.create("/snap-" + i, null, Acl.OPEN, CreateMode.PERSISTENT, 0);
                }
            }
            SynodCliTest.awaitText(() -> snapshotFiles(dir).toString(), ".snap");
        }
        Run run = dump("dump", "--snapshot", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("create '/snap-11,,"), run.out());
        assertTrue(run.out().contains("the log starts at index "), "compacted below the oldest snapshot: " + run.out());
        Pattern ok = Pattern.compile("snapshot (\\d{20})\\.snap index (\\d+) term \\d+ \\d+ bytes, zxids up to 0x([0-9a-f]+), checksums ok");
        List<String> snapshots = run.out().lines().filter(l -> l.startsWith("snapshot ")).toList();
        assertTrue(!snapshots.isEmpty(), run.out());
        for (String line : snapshots) {
            var m = ok.matcher(line);
            assertTrue(m.matches(), line);
            assertEquals(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            assertEquals((Long.parseLong(m.group(2)) << 16) | 0xFFFF, Long.parseLong(m.group(3), 16));
        }

        copyTree(dir, copy);
        Path snap = snapshotFiles(dir).get(0);
        Path damaged = copy.resolve("snapshots").resolve(snap.getFileName());
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 1);
        }
        Run bad = dump("dump", "--snapshot", copy.toString());
        assertTrue(bad.out().contains("snapshot " + snap.getFileName() + " DAMAGED: " + damaged), bad.out());

        Run missing = dump("dump", dir.resolve("no-such").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("is not a directory"), missing.err());
        assertEquals(2, dump().code());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
