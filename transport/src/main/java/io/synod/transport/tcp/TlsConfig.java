package io.synod.transport.tcp;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

/**
 * Transport Layer Security for the connections between replicas (JSSE). Both ends present a
 * certificate (mutual TLS) and check the other's against their trust store; the cluster handshake
 * then runs inside the encrypted stream, so the cluster secret still decides membership.
 *
 * @param context        the keys and trust anchors, built once
 * @param verifyHostname whether the dialing end checks that the certificate names the address it
 *                       dialed (as HTTPS does); off only where certificates carry no addresses
 */
public record TlsConfig(SSLContext context, boolean verifyHostname) {

    public TlsConfig {
        Objects.requireNonNull(context, "context");
    }

    /**
     * Loads a key store (this node's key and certificate) and a trust store (the certificates or
     * authorities it accepts from peers), both PKCS12, into a TLS context.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or used
     */
    public static TlsConfig fromStores(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        KeyStore keys = load(keyStore, keyStorePassword);
        KeyStore trusted = load(trustStore, trustStorePassword);
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyStorePassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new TlsConfig(context, true);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a TLS context from key store " + keyStore
                + " and trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** The same keys, with hostname verification switched as given. */
    public TlsConfig withVerifyHostname(boolean value) {
        return new TlsConfig(context, value);
    }

    private static KeyStore load(Path file, char[] password) {
        Objects.requireNonNull(file, "store file");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PKCS12 store " + file + ": " + e.getMessage(), e);
        }
    }
}
