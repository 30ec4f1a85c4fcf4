package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.acl.DigestScheme;
import io.synod.storage.MemoryStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** synod-cli's commands against one coordination server in this JVM, output compared with zkCli's formats. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
public class SynodCliTest {

    private static OneServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OneServer.start(new MemoryStorage());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** One run of the tool: exit code and what it printed. */
    record Run(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run cli(String... command) {
        List<String> args = new ArrayList<>(List.of("-server", server.hostPort()));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(args.toArray(String[]::new), new BufferedReader(new StringReader("")),
            new PrintWriter(out, true), new PrintWriter(err, true), false);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertStatLines(List<String> lines, int from, int dataVersion, int dataLength, int numChildren) {
        String[] names = {"cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion",
            "ephemeralOwner", "dataLength", "numChildren"};
        assertTrue(lines.size() >= from + names.length, "no Stat after line " + from + " in " + lines);
        for (int i = 0; i < names.length; i++) {
            assertTrue(lines.get(from + i).startsWith(names[i] + " = "), "line " + (from + i) + " is " + lines.get(from + i));
        }
        assertTrue(lines.get(from).matches("cZxid = 0x[0-9a-f]+"), lines.get(from));
        assertEquals("dataVersion = " + dataVersion, lines.get(from + 6));
        assertEquals("dataLength = " + dataLength, lines.get(from + 9));
        assertEquals("numChildren = " + numChildren, lines.get(from + 10));
    }

    @Test
    void createGetSetAndStatPrintAsZkCli() {
        Run created = cli("create", "/crud", "hello");
        assertEquals(0, created.code(), created.err());
        assertEquals("Created /crud", created.err().strip());

        Run get = cli("get", "-s", "/crud");
        assertEquals(0, get.code(), get.err());
        assertEquals("hello", get.outLines().get(0));
        assertStatLines(get.outLines(), 1, 0, 5, 0);

        Run set = cli("set", "-s", "-v", "0", "/crud", "world!");
        assertEquals(0, set.code(), set.err());
        assertStatLines(set.outLines(), 0, 1, 6, 0);
        assertEquals("world!", cli("get", "/crud").out().strip());

        Run stale = cli("set", "-v", "0", "/crud", "lost");
        assertEquals(1, stale.code());
        assertEquals("version No is not valid : /crud", stale.err().strip());

        Run stat = cli("stat", "/crud");
        assertStatLines(stat.outLines(), 0, 1, 6, 0);
        assertEquals("ephemeralOwner = 0x0", stat.outLines().get(8));

        Run empty = cli("create", "/crud/nodata");
        assertEquals(0, empty.code(), empty.err());
        assertEquals("null", cli("get", "/crud/nodata").out().strip());
    }

    @Test
    void errorsAreWordedAsZkCliWordsThem() {
        Run missing = cli("get", "/no/such");
        assertEquals(1, missing.code());
        assertEquals("Node does not exist: /no/such", missing.err().strip());
        assertEquals("Node does not exist: /nothing", cli("stat", "/nothing").err().strip());

        cli("create", "/err");
        cli("create", "/err/child");
        assertEquals("Node already exists: /err", cli("create", "/err").err().strip());
        assertEquals("Node not empty: /err", cli("delete", "/err").err().strip());
        assertEquals("version No is not valid : /err/child", cli("delete", "-v", "7", "/err/child").err().strip());

        Run malformed = cli("create", "-c", "-e", "/err/x");
        assertEquals(1, malformed.code());
        assertEquals("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.", malformed.err().strip());
        assertEquals("TTLs cannot be used with Ephemeral znodes", cli("create", "-t", "1000", "-e", "/err/y").err().strip());

        Run unknown = cli("frobnicate", "/err");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    }

    @Test
    void lsSortsRecursesAndPrintsStat() {
        cli("create", "/tree");
        for (String child : List.of("b", "c", "a")) {
            cli("create", "/tree/" + child, child);
        }
        cli("create", "/tree/a/deep");
        assertEquals("[a, b, c]", cli("ls", "/tree").out().strip());
        Run withStat = cli("ls", "-s", "/tree");
        assertEquals("[a, b, c]", withStat.outLines().get(0));
        assertStatLines(withStat.outLines(), 1, 0, 0, 3);
        assertEquals(List.of("/tree", "/tree/a", "/tree/a/deep", "/tree/b", "/tree/c"), cli("ls", "-R", "/tree").outLines());

        assertEquals(0, cli("deleteall", "/tree").code());
        assertEquals("Node does not exist: /tree", cli("ls", "/tree").err().strip());
    }

    @Test
    void createModesEphemeralSequentialContainerAndTtl() {
        cli("create", "/modes");
        assertEquals("Created /modes/s-0000000000", cli("create", "-s", "/modes/s-").err().strip());
        assertEquals("Created /modes/s-0000000001", cli("create", "-s", "/modes/s-", "x").err().strip());
        // The one-shot client's session ends with the command, and its ephemeral with it.
        assertEquals("Created /modes/e", cli("create", "-e", "/modes/e").err().strip());
        assertEquals("Node does not exist: /modes/e", cli("stat", "/modes/e").err().strip());
        assertEquals("Created /modes/c", cli("create", "-c", "/modes/c").err().strip());
        assertEquals("Created /modes/t", cli("create", "-t", "600000", "/modes/t", "ttl").err().strip());
        assertEquals("ttl", cli("get", "/modes/t").out().strip());
        assertEquals("[c, s-0000000000, s-0000000001, t]", cli("ls", "/modes").out().strip());
    }

    @Test
    void aclsAreParsedPrintedAndEnforced() throws Exception {
        cli("create", "/acl", "v", "world:anyone:cdrwa");
        assertEquals("'world,'anyone\n: cdrwa", cli("getAcl", "/acl").out().strip());
        Run set = cli("setAcl", "-s", "/acl", "world:anyone:r");
        assertEquals(0, set.code(), set.err());
        assertTrue(set.out().contains("aclVersion = 1"), set.out());
        assertEquals("'world,'anyone\n: r", cli("getAcl", "/acl").out().strip());
        assertEquals("Authentication is not valid : /acl", cli("set", "/acl", "w").err().strip());
        assertEquals("v", cli("get", "/acl").out().strip());

        // addauth lasts as long as the connection: one shell session creates a node only its user may read.
        String digest = DigestScheme.digest("bob:secret");
        Run shell = shell("addauth digest bob:secret", "create /bob mine digest:" + digest + ":cdrwa", "get /bob",
            "getAcl /bob", "quit");
        assertTrue(shell.out().contains("mine"), shell.out() + shell.err());
        assertTrue(shell.out().contains("'digest,'" + digest + "\n: cdrwa"), shell.out());
        assertEquals("Authentication is not valid : /bob", cli("get", "/bob").err().strip());
        assertEquals("Acl is not valid : /aclx", cli("create", "/aclx", "v", "auth::cdrwa").err().strip());
    }

    @Test
    void syncSaysOk() {
        Run sync = cli("sync", "/");
        assertEquals(0, sync.code(), sync.err());
        assertEquals("Sync is OK", sync.out().strip());
    }

    @Test
    void anUnreachableServerIsSaidAndExitsThree() {
        StringWriter err = new StringWriter();
        int code = CliMain.run(new String[] {"-server", "127.0.0.1:1", "ls", "/"}, new BufferedReader(new StringReader("")),
            new PrintWriter(new StringWriter()), new PrintWriter(err, true), false);
        assertEquals(CliMain.UNREACHABLE, code);
        assertTrue(err.toString().startsWith("Unable to connect to 127.0.0.1:1"), err.toString());
        StringWriter badPort = new StringWriter();
        CliMain.run(new String[] {"-server", "localhost:http", "ls", "/"}, new BufferedReader(new StringReader("")),
            new PrintWriter(new StringWriter()), new PrintWriter(badPort, true), false);
        assertEquals("the port of localhost:http is not a number from 1 to 65535", badPort.toString().strip());
    }

    /** The shell over a fixed script of lines. */
    private static Run shell(String... lines) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(new String[] {"-server", server.hostPort()},
            new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), new PrintWriter(out, true),
            new PrintWriter(err, true), false);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theShellNumbersItsPromptKeepsHistoryAndQuits() {
        Run run = shell("create /sh one", "get /sh", "", "ls /", "history", "quit", "get /sh");
        assertEquals(0, run.code(), run.err());
        String host = server.hostPort();
        assertTrue(run.out().startsWith("Connecting to " + host + "\n[zk: " + host + "(CONNECTED) 0] "), run.out());
        assertTrue(run.out().contains("[zk: " + host + "(CONNECTED) 1] one\n"), run.out());
        assertTrue(run.out().contains("0 - create /sh one\n1 - get /sh\n2 - ls /\n3 - history\n"), run.out());
        assertTrue(run.out().endsWith("3 - history\n[zk: " + host + "(CONNECTED) 4] "), "nothing runs after quit: " + run.out());
        assertEquals("Created /sh", run.err().strip());
    }

    @Test
    void theShellPrintsWatchNotificationsAsZkCli() throws Exception {
        cli("create", "/w", "v0");
        PipedWriter typed = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(typed));
        StringWriter out = new StringWriter();
        PrintWriter input = new PrintWriter(typed, true);
        // zkCli prints errors on stderr; here both streams go to one writer, as on a terminal.
        PrintWriter both = new PrintWriter(out, true);
        Thread shell = new Thread(() -> CliMain.run(new String[] {"-server", server.hostPort()}, in, both, both, false));
        shell.start();
        try {
            input.println("get -w /w");
            awaitText(out::toString, "v0\n");
            assertEquals(0, cli("set", "/w", "v1").code());
            awaitText(out::toString, "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/w zxid: ");
            input.println("stat -w /w/child");
            awaitText(out::toString, "Node does not exist: /w/child");
            assertEquals(0, cli("create", "/w/child").code());
            awaitText(out::toString, "type:NodeCreated path:/w/child");
            input.println("quit");
            shell.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!shell.isAlive(), "the shell did not quit");
        } finally {
            typed.close();
        }
    }

    /** Polls with a generous bound (a loaded 2-core machine). */
    public static void awaitText(Supplier<String> text, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!text.get().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + expected + "' within 60 s in:\n" + text.get());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void binSynodCliRunsAsAProcess() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../../bin/synod-cli").normalize();
        assertTrue(script.toFile().canExecute(), script + " is not executable");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-server", server.hostPort(), "create", "/proc", "from a process")
            .redirectErrorStream(true);
        builder.environment().put("SYNOD_COORDINATION_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx128m");
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "synod-cli did not end");
            assertEquals(0, process.exitValue(), output);
            assertEquals("Created /proc", output.strip());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        assertEquals("from a process", cli("get", "/proc").out().strip());
    }
}
