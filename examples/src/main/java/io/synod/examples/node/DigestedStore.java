package io.synod.examples.node;

import io.synod.api.StateMachine;
import io.synod.examples.kv.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * digest is computed when asked, from the store's snapshot bytes (sorted, so equal stores give
 * equal bytes): its cost grows with the data, which suits a check, not a hot path.
 */
final class DigestedStore implements StateMachine {

    /** The query that returns {@code <index> <hex digest>}. */
    static final byte[] DIGEST_QUERY = "digest".getBytes(StandardCharsets.UTF_8);

    private final KeyValueStore store = new KeyValueStore();
    private long lastIndex;

    @Override
    public byte[] apply(long index, byte[] command) {
        byte[] answer = store.apply(index, command);
        lastIndex = index;
        return answer;
    }

    @Override
    public byte[] query(byte[] query) {
        if (Arrays.equals(query, DIGEST_QUERY)) {
            return (lastIndex + " " + HexFormat.of().formatHex(sha256(store.snapshot()))).getBytes(StandardCharsets.UTF_8);
        }
        return store.query(query);
    }

    @Override
    public byte[] snapshot() {
        byte[] data = store.snapshot();
        return ByteBuffer.allocate(Long.BYTES + data.length).putLong(lastIndex).put(data).array();
    }

    @Override
    public void restore(byte[] snapshot) {
        if (snapshot.length < Long.BYTES) {
            throw new IllegalArgumentException("a node's snapshot holds at least its index (8 bytes), had " + snapshot.length);
        }
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        long index = in.getLong();
        store.restore(Arrays.copyOfRange(snapshot, Long.BYTES, snapshot.length));
        lastIndex = index;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
