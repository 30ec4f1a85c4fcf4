package io.synod.transport.tcp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The cluster secret, as the HMAC-SHA256 key that handshakes prove knowledge of. Each MAC starts
 * with a label naming its role (the acceptor's or the dialer's), so that one side's MAC can never
 * be replayed as the other's.
 *
 * <p>Not thread-safe (one {@link Mac} instance): one per reactor thread.
 */
final class ClusterKey {

    static final byte[] ACCEPTOR_LABEL = "synod handshake: acceptor".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DIALER_LABEL = "synod handshake: dialer".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;

    ClusterKey(byte[] secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The MAC of the label followed by each part. */
    byte[] sign(byte[] label, byte[]... parts) {
        mac.update(label);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Compares in time independent of where the MACs differ. */
    static boolean same(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
