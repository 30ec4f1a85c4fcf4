package io.synod.examples.coordination.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Self-signed certificates for the servers' TLS, made at test time by the JDK's {@code keytool} (a child process,
 * stopped through its handle if it overruns):
 * {@code node.p12} (the ensemble's key, naming 127.0.0.1), {@code trust.p12} (trusting it),
 * {@code stranger.p12} (another key) and {@code stranger-trust.p12} (trusting only the stranger).
 */
final class PeerCertificates {

    static final String PASSWORD = "test-password";

    final Path node;
    final Path trust;
    final Path strangerTrust;

    PeerCertificates(Path dir) throws IOException, InterruptedException {
        node = dir.resolve("node.p12");
        trust = dir.resolve("trust.p12");
        Path stranger = dir.resolve("stranger.p12");
        strangerTrust = dir.resolve("stranger-trust.p12");
        generate(node, "synod-node");
        generate(stranger, "synod-stranger");
        trust(node, trust, dir);
        trust(stranger, strangerTrust, dir);
    }

    private static void generate(Path store, String name) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", "CN=" + name, "-validity", "2", "-ext", "SAN=ip:127.0.0.1",
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    }

    private static void trust(Path key, Path trustStore, Path dir) throws IOException, InterruptedException {
        Path cer = dir.resolve(key.getFileName() + ".cer");
        keytool("-exportcert", "-alias", "key", "-keystore", key.toString(), "-storepass", PASSWORD, "-file", cer.toString());
        keytool("-importcert", "-noprompt", "-alias", key.getFileName().toString(), "-file", cer.toString(),
            "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                fail("keytool did not finish within 120 s: " + command);
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
