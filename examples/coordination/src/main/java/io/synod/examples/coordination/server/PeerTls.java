package io.synod.examples.coordination.server;

import io.synod.transport.tcp.TlsConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * TLS between the servers of a cluster, from ZooKeeper's quorum TLS keys, so that a zoo.cfg written for a
 * ZooKeeper ensemble with {@code sslQuorum=true} secures a Synod one unchanged:
 * {@code ssl.quorum.keyStore.location} / {@code .password} (or {@code .passwordPath}, a file holding it),
 * {@code ssl.quorum.trustStore.location} / {@code .password} / {@code .passwordPath}, and
 * {@code ssl.quorum.hostnameVerification} (true). Both ends present their key and check the other's certificate
 * (mutual TLS); the cluster secret's handshake then runs inside it. Stores are PKCS12 or JKS (the JDK reads
 * either). The other {@code ssl.quorum.*} keys (protocols, cipher suites, store types...) are warned about and
 * ignored: the JDK's defaults apply.
 */
final class PeerTls {

    static final String ENABLED = "sslQuorum";
    static final String PREFIX = "ssl.quorum.";
    static final String KEY_STORE = PREFIX + "keyStore.location";
    static final String KEY_PASSWORD = PREFIX + "keyStore.password";
    static final String KEY_PASSWORD_PATH = PREFIX + "keyStore.passwordPath";
    static final String TRUST_STORE = PREFIX + "trustStore.location";
    static final String TRUST_PASSWORD = PREFIX + "trustStore.password";
    static final String TRUST_PASSWORD_PATH = PREFIX + "trustStore.passwordPath";
    static final String HOSTNAME_VERIFICATION = PREFIX + "hostnameVerification";

    /** The {@code ssl.quorum.*} keys read here; any other is warned about. */
    static final Set<String> READ = Set.of(KEY_STORE, KEY_PASSWORD, KEY_PASSWORD_PATH, TRUST_STORE, TRUST_PASSWORD,
        TRUST_PASSWORD_PATH, HOSTNAME_VERIFICATION);

    private PeerTls() {
    }

    /**
     * The peers' TLS {@code p} asks for, or null for plain TCP.
     *
     * @param cluster whether this server has peers (a standalone server has none to secure)
     * @throws IllegalArgumentException naming the key, for a store that is missing, unreadable or not opened by
     *                                  its password
     */
    static TlsConfig parse(Properties p, boolean cluster, Consumer<String> warnings) {
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith(PREFIX) && !READ.contains(key)) {
                warnings.accept("zoo.cfg key '" + key + "' is not read by Synod (the JDK's TLS defaults apply); ignored");
            }
        }
        if (!ConfigValues.bool(p, ENABLED, false)) {
            for (String key : READ) {
                if (p.getProperty(key) != null) {
                    warnings.accept(key + " is set but " + ENABLED + " is not true: peers talk plain TCP");
                    break;
                }
            }
            return null;
        }
        if (!cluster) {
            warnings.accept(ENABLED + "=true has no effect on a standalone server (it has no peers)");
            return null;
        }
        Path keyStore = store(p, KEY_STORE);
        char[] keyPassword = password(p, KEY_PASSWORD, KEY_PASSWORD_PATH);
        Path trustStore = store(p, TRUST_STORE);
        char[] trustPassword = password(p, TRUST_PASSWORD, TRUST_PASSWORD_PATH);
        check(keyStore, keyPassword, KEY_STORE, KEY_PASSWORD);
        check(trustStore, trustPassword, TRUST_STORE, TRUST_PASSWORD);
        try {
            return TlsConfig.fromStores(keyStore, keyPassword, trustStore, trustPassword)
                .withVerifyHostname(ConfigValues.bool(p, HOSTNAME_VERIFICATION, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_STORE + "/" + TRUST_STORE + ": " + e.getMessage(), e);
        }
    }

    private static Path store(Properties p, String key) {
        String value = p.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required with " + ENABLED + "=true");
        }
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(key + "=" + value + ": no readable file there");
        }
        return file;
    }

    private static char[] password(Properties p, String key, String pathKey) {
        String path = p.getProperty(pathKey, "").trim();
        if (!path.isEmpty()) {
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(pathKey + "=" + path + ": cannot read the password: " + e.getMessage(), e);
            }
        }
        return p.getProperty(key, "").toCharArray();
    }

    /** Opens the store once, so that a wrong password or a damaged file is refused naming its key. */
    private static void check(Path file, char[] password, String key, String passwordKey) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance("PKCS12").load(in, password);
        } catch (IOException e) {
            boolean badPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password");
            throw new IllegalArgumentException((badPassword ? passwordKey + " does not open " + key + "=" + file
                : key + "=" + file + ": not a key store") + " (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + "=" + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
