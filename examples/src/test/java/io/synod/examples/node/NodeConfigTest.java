package io.synod.examples.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node's configuration: what a valid file gives, and each refusal naming its key and reason. */
class NodeConfigTest {

    private static final String SECRET = "sixteen bytes or more of secret";

    @TempDir
    Path dir;

    private Properties valid() {
        Properties p = new Properties();
        p.setProperty("node.id", "2");
        p.setProperty("member.1", "127.0.0.1:7101");
        p.setProperty("member.2", "127.0.0.1:7102");
        p.setProperty("member.3", "127.0.0.1:7103");
        p.setProperty("data.dir", "data/node-2");
        p.setProperty("protocol", "multi-paxos");
        p.setProperty("cluster.id", "orders");
        p.setProperty("cluster.secret", SECRET);
        p.setProperty("client.port", "7202");
        return p;
    }

    @Test
    void aValidFileGivesItsValuesAndTheDefaults() throws IOException {
        Path file = dir.resolve("node-2.properties");
        try (var out = Files.newBufferedWriter(file)) {
            valid().store(out, null);
        }
        NodeConfig c = NodeConfig.load(file);
        assertEquals(2, c.nodeId());
        assertArrayEquals(new int[] {1, 2, 3}, c.memberIds());
        assertEquals(7103, c.members().get(3).getPort());
        assertEquals(dir.resolve("data/node-2"), c.dataDir(), "a relative path is taken from the file's directory");
        assertEquals(ProtocolChoice.MULTI_PAXOS, c.protocol());
        assertEquals("orders", c.clusterId());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), c.secret());
        assertEquals(7202, c.clientPort());
        assertEquals(InetAddress.getLoopbackAddress(), c.bindAddress(), "peers are taken on 127.0.0.1 unless told otherwise");
        assertEquals(dir.resolve("data/node-2/synod-node.pid"), c.pidFile());
        assertFalse(c.adminCommands(), "partitioning a node from its client port is off unless asked for");
        assertTrue(c.tls().isEmpty());
        assertEquals(50, c.tick().toMillis());
        assertEquals(10_000, c.requestTimeout().toMillis());
        assertEquals(4 << 20, c.maxFrameBytes());
        assertFalse(c.describe().contains(SECRET), "the description leaves the secret out");
    }

    @Test
    void aSecretFileLosesOneTrailingNewlineOnly() throws IOException {
        Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Properties p = valid();
        p.remove("cluster.secret");
        p.setProperty("cluster.secret.file", "secret");
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), NodeConfig.from(p, dir).secret());
        Files.writeString(dir.resolve("secret"), SECRET + " \n\n");
        assertArrayEquals((SECRET + " \n").getBytes(StandardCharsets.UTF_8), NodeConfig.from(p, dir).secret());
    }

    @ParameterizedTest(name = "{0}={1} is refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "node.id           | two                | not a whole number",
        "node.id           | 70000              | outside 0..65535",
        "node.id           | 4                  | must be a member",
        "member.x          | 127.0.0.1:7104     | not a node id",
        "member.3          | 127.0.0.1          | not host:port",
        "member.3          | 127.0.0.1:99999    | outside 1..65535",
        "member.3          | 127.0.0.1:7101     | also member.1's address",
        "member.3          | no-such-host.invalid:7103 | cannot be resolved",
        "protocol          | raft               | one of multi-paxos, basic-paxos",
        "cluster.secret    | too short          | at least 16 bytes",
        "cluster.secret.file | secret           | exactly one of",
        "client.port       | 7102               | also this node's peer port",
        "client.port       | -1                 | outside 0..65535",
        "client.admin      | yes                | neither true nor false",
        "bind.address      | 127.0.0.2          | not where peers dial this node",
        "data.directory    | /tmp               | unknown key",
        "tick.ms           | 0                  | outside 1..60000",
        "request.timeout.ms | 10                | at least one tick",
        "tls.keystore      | node.p12           | required with TLS",
        "tls.verify.hostname | false            | TLS is off",
        "log.segment.bytes | 10                 | outside 256..",
        "max.frame.bytes   | 63                 | outside 64..1073741824",
    })
    void eachBadValueIsRefusedNamingItsKey(String key, String value, String reason) {
        Properties p = valid();
        if (key.equals("tick.ms") || key.equals("request.timeout.ms")) {
            p.setProperty("tick.ms", "50");
        }
        p.setProperty(key, value);
        String expectedKey = key.equals("node.id") && value.equals("4") ? "member.4"
            : key.equals("tls.keystore") ? "tls.keystore.password" : key;
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir));
        assertEquals(expectedKey, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("'" + expectedKey + "'") && e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"node.id", "data.dir", "protocol", "cluster.id", "client.port", "member.2"})
    void eachRequiredKeyIsAskedFor(String key) {
        Properties p = valid();
        p.remove(key);
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void noSecretAtAllIsRefused() {
        Properties p = valid();
        p.remove("cluster.secret");
        assertEquals("cluster.secret", assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir)).key());
    }

    @Test
    void aNodeOnAnotherMachineMustSayWhichInterfaceToListenOn() {
        Properties p = valid();
        p.setProperty("member.2", "192.0.2.2:7102");
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir));
        assertEquals("bind.address", e.key());
        assertTrue(e.getMessage().contains("127.0.0.1 unless"), e.getMessage());
        p.setProperty("bind.address", "0.0.0.0");
        assertTrue(NodeConfig.from(p, dir).bindAddress().isAnyLocalAddress());
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("occupied"), "");
        Properties p = valid();
        p.setProperty("data.dir", "occupied");
        assertEquals("data.dir", assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir)).key());
    }

    @Test
    void anUnreadableTlsStoreIsRefusedNamingIt() throws IOException {
        Files.writeString(dir.resolve("node.p12"), "not a key store");
        Properties p = valid();
        p.setProperty("tls.keystore", "node.p12");
        p.setProperty("tls.keystore.password", "x");
        p.setProperty("tls.truststore", "node.p12");
        p.setProperty("tls.truststore.password", "x");
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfig.from(p, dir));
        assertEquals("tls.keystore", e.key());
        assertTrue(e.getMessage().contains("node.p12"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfig.load(dir.resolve("absent.properties")));
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }
}
