package io.synod.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Self-signed certificates made at test time by the JDK's own {@code keytool}, run as a child
 * process (stopped through its handle if it overruns), into a temporary directory:
 * <ul>
 *   <li>{@code node.p12}: the cluster's key, naming 127.0.0.1;</li>
 *   <li>{@code misnamed.p12}: a trusted key whose certificate names another host;</li>
 *   <li>{@code stranger.p12}: a key nobody trusts;</li>
 *   <li>{@code trust.p12}: the certificates of node and misnamed.</li>
 * </ul>
 */
final class TestCertificates {

    static final char[] PASSWORD = "test-password".toCharArray();

    final Path node;
    final Path misnamed;
    final Path stranger;
    final Path trust;

    TestCertificates(Path dir) throws IOException, InterruptedException {
        node = dir.resolve("node.p12");
        misnamed = dir.resolve("misnamed.p12");
        stranger = dir.resolve("stranger.p12");
        trust = dir.resolve("trust.p12");
        // Distinct names: a trust store finds a certificate's anchor by its issuer's name.
        generate(node, "synod-node", "ip:127.0.0.1");
        generate(misnamed, "synod-misnamed", "dns:elsewhere.invalid");
        generate(stranger, "synod-stranger", "ip:127.0.0.1");
        for (Path p : List.of(node, misnamed)) {
            Path cer = dir.resolve(p.getFileName() + ".cer");
            keytool("-exportcert", "-alias", "key", "-keystore", p.toString(), "-storepass", new String(PASSWORD),
                "-file", cer.toString());
            keytool("-importcert", "-noprompt", "-alias", p.getFileName().toString(), "-file", cer.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
        }
    }

    TlsConfig config(Path keyStore) {
        return TlsConfig.fromStores(keyStore, PASSWORD, trust, PASSWORD);
    }

    private static void generate(Path store, String name, String san) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", "CN=" + name, "-validity", "2", "-ext", "SAN=" + san,
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(Eventually.BOUND.toSeconds(), TimeUnit.SECONDS)) {
                fail("keytool did not finish within " + Eventually.BOUND + ": " + command);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> "keytool failed: " + command + "\n" + output);
        } finally {
            if (p.isAlive()) {
                p.toHandle().destroyForcibly();
            }
        }
    }
}
