package io.synod.examples.coordination.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code digest} scheme: an identity is {@code user:base64(sha1(user:password))}, exactly as
 * ZooKeeper's {@code DigestAuthenticationProvider} computes it, so digests made by ZooKeeper's tools
 * (and ACLs copied from a ZooKeeper ensemble) mean the same here.
 */
public final class DigestScheme {

    public static final String NAME = "digest";

    private DigestScheme() {
    }

    /**
     * The identity a client proves with {@code addauth digest user:password}. Only the text before
     * the first colon is kept in the clear; the whole string is hashed, as ZooKeeper does.
     */
    public static String digest(String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        String user = colon < 0 ? userAndPassword : userAndPassword.substring(0, colon);
        return user + ":" + Base64.getEncoder().encodeToString(sha1(userAndPassword));
    }

    /** An ACL id of this scheme is well formed when it has exactly two colon-separated parts. */
    public static boolean isValid(String id) {
        return id.split(":").length == 2;
    }

    /** An authenticated digest id matches an ACL id when both are the same text. */
    public static boolean matches(String authenticated, String aclId) {
        return authenticated.equals(aclId);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
