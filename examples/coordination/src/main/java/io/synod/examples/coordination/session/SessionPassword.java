package io.synod.examples.coordination.session;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The password of a ZooKeeper session: the first 16 bytes of HMAC-SHA256(cluster secret, session id).
 * Derived, not stored, so that every server of the cluster can check a client that moves to it
 * without the password ever entering the log.
 */
public final class SessionPassword {

    /** ZooKeeper's password length (the C client reads exactly this many bytes). */
    public static final int BYTES = 16;

    private final byte[] secret;

    public SessionPassword(String clusterSecret) {
        if (clusterSecret == null || clusterSecret.isEmpty()) {
            throw new IllegalArgumentException("the cluster secret must not be empty");
        }
        this.secret = clusterSecret.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] of(long sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(sessionId).array()), BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** In constant time, so that a wrong guess teaches nothing about the right one. */
    public boolean matches(long sessionId, byte[] password) {
        return password != null && MessageDigest.isEqual(of(sessionId), password);
    }
}
