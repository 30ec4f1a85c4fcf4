package io.synod.examples.node;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.examples.kv.KeyValueStore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The {@link KeyValueStore} a node serves, which can also say where it stands: the log index of
 * the last command it applied and a SHA-256 of its whole state. Two replicas that answer the same
 * pair hold the same data after the same history, which is how a test compares processes it can
 * only reach through their client ports.
 *
 * <p>The index travels in the snapshot, so that a replica restored from one still knows it. The
 * digest is computed when asked, from the store's snapshot stream (sorted, so equal stores give
 * equal bytes): its cost grows with the data, which suits a check, not a hot path.
 */
final class DigestedStore implements StateMachine {

    /** The query that returns {@code <index> <hex digest>}. */
    static final byte[] DIGEST_QUERY = "digest".getBytes(StandardCharsets.UTF_8);

    private final KeyValueStore store = new KeyValueStore();
    private long lastIndex;

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        byte[] answer = store.apply(ctx, command);
        lastIndex = ctx.index();
        return answer;
    }

    @Override
    public void onSessionExpired(ApplyContext ctx, long sessionId) {
        store.onSessionExpired(ctx, sessionId);
    }

    @Override
    public byte[] query(byte[] query) {
        if (Arrays.equals(query, DIGEST_QUERY)) {
            return (lastIndex + " " + HexFormat.of().formatHex(sha256(store.snapshot()))).getBytes(StandardCharsets.UTF_8);
        }
        return store.query(query);
    }

    @Override
    public SnapshotWriter snapshot() {
        long index = lastIndex;
        SnapshotWriter data = store.snapshot();
        return out -> {
            DataOutputStream header = new DataOutputStream(out);
            header.writeLong(index);
            header.flush();
            data.writeTo(out);
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        long index;
        try {
            index = new DataInputStream(in).readLong();
        } catch (EOFException e) {
            throw new IllegalArgumentException("a node's snapshot holds at least its index (8 bytes)", e);
        }
        store.restore(in);
        lastIndex = index;
    }

    private static byte[] sha256(SnapshotWriter state) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                state.writeTo(out);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot digest the store's state", e);
        }
    }
}
