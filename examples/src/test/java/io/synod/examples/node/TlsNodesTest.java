package io.synod.examples.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS from a node's configuration file: two nodes given the same PKCS12 stores (made by keytool
 * at test time) form a cluster and replicate; as a control, the same pair with TLS on one side only
 * cannot (the plain node's handshake is refused), so a write times out for want of a quorum.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsNodesTest {

    private static final String PASSWORD = "test-password";

    @TempDir
    static Path certificates;
    @TempDir
    Path dir;

    private final List<Node> nodes = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", "CN=synod-node", "-validity", "2", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", certificates.resolve("node.p12").toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "key", "-keystore", certificates.resolve("node.p12").toString(), "-storepass", PASSWORD,
            "-file", certificates.resolve("node.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "node", "-file", certificates.resolve("node.cer").toString(),
            "-keystore", certificates.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    @AfterEach
    void closeAll() {
        nodes.forEach(Node::close);
    }

    private Properties config(int id, List<Integer> ports, boolean tls) {
        Properties p = new Properties();
        p.setProperty("node.id", String.valueOf(id));
        p.setProperty("member.1", "127.0.0.1:" + ports.get(0));
        p.setProperty("member.2", "127.0.0.1:" + ports.get(1));
        p.setProperty("data.dir", "data-" + id);
        p.setProperty("protocol", "multi-paxos");
        p.setProperty("cluster.id", "tls-test");
        p.setProperty("cluster.secret", "tls test secret, not a secret");
        p.setProperty("client.port", "0");
        p.setProperty("log.segment.bytes", "65536");
        p.setProperty("request.timeout.ms", "2000");
        if (tls) {
            p.setProperty("tls.keystore", certificates.resolve("node.p12").toString());
            p.setProperty("tls.keystore.password", PASSWORD);
            p.setProperty("tls.truststore", certificates.resolve("trust.p12").toString());
            p.setProperty("tls.truststore.password", PASSWORD);
        }
        return p;
    }

    private Node start(Properties p) {
        Node node = Node.start(NodeConfig.from(p, dir));
        nodes.add(node);
        return node;
    }

    @Test
    void nodesWithTheClustersCertificatesReplicate() throws IOException {
        List<Integer> ports = FreePorts.pick(2, 21);
        Node one = start(config(1, ports, true));
        Node two = start(config(2, ports, true));
        assertTrue(one.config().tls().isPresent() && two.config().tls().isPresent());
        try (NodeClient a = NodeClient.connect(one.clientPort(), Duration.ofSeconds(30));
             NodeClient b = NodeClient.connect(two.clientPort(), Duration.ofSeconds(30))) {
            Poll.until(() -> ask(a, "PUT secret sauce").startsWith("OK"), "a write over TLS to be acknowledged");
            assertEquals("OK sauce", b.request("GET secret"));
        }
    }

    @Test
    void aPlainNodeCannotJoinATlsNode() throws IOException {
        List<Integer> ports = FreePorts.pick(2, 22);
        Node one = start(config(1, ports, true));
        start(config(2, ports, false));
        try (NodeClient a = NodeClient.connect(one.clientPort(), Duration.ofSeconds(30))) {
            String answer = a.request("PUT secret sauce");
            assertTrue(answer.startsWith("ERR TIMEOUT"), "a write needs both nodes, which cannot talk: " + answer);
        }
    }

    private static String ask(NodeClient c, String request) {
        try {
            return c.request(request);
        } catch (IOException e) {
            return "";
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(done && p.exitValue() == 0, () -> "keytool failed: " + command + "\n" + output);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
