package io.synod.examples.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code synod-node} process contract, on real child processes: the ready line and the PID
 * file, a clean stop on SIGTERM, and the exit statuses of a refused start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SynodNodeProcessTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private Path dir;
    private final List<NodeProcess> started = new ArrayList<>();

    @AfterEach
    void killAll() {
        started.forEach(NodeProcess::kill);
    }

    private NodeProcess node(String name, String config, int clientPort) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, config);
        NodeProcess p = new NodeProcess(1, name, file, clientPort, dir);
        started.add(p);
        return p;
    }

    private static String solo(int peerPort, int clientPort, String data) {
        return "node.id=1\nmember.1=127.0.0.1:" + peerPort + "\ndata.dir=" + data + "\nprotocol=multi-paxos\n"
            + "cluster.id=process-test\ncluster.secret=process test secret, not a secret\nclient.port=" + clientPort
            + "\nlog.segment.bytes=65536\n";
    }

    @Test
    void sigtermStopsTheNodeCleanlyAndRemovesItsPidFile() throws IOException {
        clear("sigterm");
        List<Integer> ports = FreePorts.pick(2, System.nanoTime());
        NodeProcess node = node("solo", solo(ports.get(0), ports.get(1), "solo"), ports.get(1));
        Path pidFile = dir.resolve("solo").resolve("synod-node.pid");
        node.start();
        Poll.until(() -> node.currentOutput().contains(" ready: "), "the ready line");
        assertEquals("synod-node 1 ready: peers on 127.0.0.1:" + ports.get(0) + ", clients on 127.0.0.1:" + ports.get(1)
            + ", pid " + node.pid(), node.currentOutput().strip());
        assertEquals(node.pid() + "\n", Files.readString(pidFile), "the PID file names the process");
        try (NodeClient c = NodeClient.connect(ports.get(1), BOUND)) {
            assertEquals("OK ", c.request("PUT kept yes"));
        }

        int status = node.stop(BOUND);
        assertEquals(128 + 15, status, "the JVM's status for SIGTERM\n" + node.currentErrors());
        assertTrue(node.currentErrors().contains("node 1 stopped cleanly"), node.currentErrors());
        assertFalse(Files.exists(pidFile), "the PID file is removed on a clean stop");

        node.start();
        Poll.until(() -> node.currentOutput().contains(" ready: "), "the ready line after the restart");
        try (NodeClient c = NodeClient.connect(ports.get(1), BOUND)) {
            Poll.until(() -> {
                try {
                    return c.request("GET kept").equals("OK yes");
                } catch (IOException e) {
                    return false;
                }
            }, "the write from before the stop to be read");
        }
    }

    @Test
    void anInvalidConfigurationExitsWithStatusTwoNamingTheKey() throws IOException {
        clear("invalid");
        NodeProcess node = node("invalid", solo(7101, 7201, "invalid").replace("protocol=multi-paxos", "protocol=raft"), 7201);
        node.start();
        assertEquals(SynodNode.EXIT_BAD_CONFIG, node.waitFor(BOUND));
        assertTrue(node.currentErrors().contains("'protocol': unknown protocol 'raft'"), node.currentErrors());
    }

    @Test
    void aSecondNodeOnADataDirectoryInUseExitsWithStatusOne() throws IOException {
        clear("in-use");
        List<Integer> ports = FreePorts.pick(4, System.nanoTime());
        NodeProcess first = node("first", solo(ports.get(0), ports.get(1), "shared"), ports.get(1));
        first.start();
        Poll.until(() -> first.currentOutput().contains(" ready: "), "the first node's ready line");
        NodeProcess second = node("second", solo(ports.get(2), ports.get(3), "shared"), ports.get(3));
        second.start();
        assertEquals(SynodNode.EXIT_CANNOT_START, second.waitFor(BOUND));
        assertTrue(second.currentErrors().contains("is in use"), second.currentErrors());
        assertTrue(first.isAlive(), "the node that holds the directory runs on");
    }

    @Test
    void theClientCommandPrintsTheAnswerAndExitsZeroOnlyForOk() throws IOException {
        clear("client");
        int unused = FreePorts.pick(1, System.nanoTime()).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SynodNode.client(new String[] {String.valueOf(unused), "GET", "x"}, new PrintStream(out), new PrintStream(err));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("127.0.0.1:" + unused), err.toString(StandardCharsets.UTF_8));
        assertEquals(SynodNode.EXIT_BAD_CONFIG, SynodNode.client(new String[] {"port", "GET", "x"}, new PrintStream(out),
            new PrintStream(err)));
        try (ClientPort port = ClientPort.open(0, line -> line.startsWith("GET") ? "OK v" : "ERR BAD_REQUEST no", "test")) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            assertEquals(0, SynodNode.client(new String[] {String.valueOf(port.port()), "GET", "x"}, new PrintStream(answer), System.err));
            assertEquals("OK v", answer.toString(StandardCharsets.UTF_8).strip());
            assertEquals(1, SynodNode.client(new String[] {String.valueOf(port.port()), "FLY"}, new PrintStream(answer), System.err));
        }
    }

    /** A directory of the test's own under target/, emptied, which stays for a look after a failure. */
    private void clear(String test) throws IOException {
        dir = Path.of("target", "node-tests", "process-" + test).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
