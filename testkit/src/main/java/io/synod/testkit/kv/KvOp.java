package io.synod.testkit.kv;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One operation on the example key-value store, and the pure function that gives its meaning.
 * {@link KvStateMachine} (the replicated service) and {@code KvModel} (the linearizability
 * checker's specification) both call {@link #apply(String)}, so the two cannot drift apart.
 *
 * <p>A missing key reads as the empty string. {@code APPEND} and {@code INCREMENT} are not
 * idempotent on purpose: applying a retried command twice shows up in the history.
 *
 * <pre>
 *  kind (byte) | key length (int) | key (UTF-8) | value length (int) | value (UTF-8)
 * </pre>
 *
 * @param kind  what to do
 * @param key   the key it touches
 * @param value the argument of {@code PUT} and {@code APPEND}; empty for the others
 */
public record KvOp(Kind kind, String key, String value) {

    /** The operations of the store. */
    public enum Kind {
        /** Replaces the value; answers "ok". */
        PUT,
        /** Reads the value. */
        GET,
        /** Appends to the value; answers the new value. */
        APPEND,
        /** Treats the value as a decimal number (0 if it is not one) and adds one; answers the new value. */
        INCREMENT
    }

    /** What applying an operation to one key's value gives. */
    public record Applied(String next, String output) {
    }

    public KvOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static KvOp put(String key, String value) {
        return new KvOp(Kind.PUT, key, value);
    }

    public static KvOp get(String key) {
        return new KvOp(Kind.GET, key, "");
    }

    public static KvOp append(String key, String value) {
        return new KvOp(Kind.APPEND, key, value);
    }

    public static KvOp increment(String key) {
        return new KvOp(Kind.INCREMENT, key, "");
    }

    /** True for the operation that changes nothing. */
    public boolean isRead() {
        return kind == Kind.GET;
    }

    /** The meaning of this operation on a key whose value is {@code current}. */
    public Applied apply(String current) {
        return switch (kind) {
            case PUT -> new Applied(value, "ok");
            case GET -> new Applied(current, current);
            case APPEND -> {
                String next = current + value;
                yield new Applied(next, next);
            }
            case INCREMENT -> {
                String next = Long.toString(asNumber(current) + 1);
                yield new Applied(next, next);
            }
        };
    }

    private static long asNumber(String value) {
        try {
            return value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The bytes a client proposes. */
    public byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + k.length + 4 + v.length)
            .put((byte) kind.ordinal()).putInt(k.length).put(k).putInt(v.length).put(v).array();
    }

    /**
     * Reads an operation written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the bytes are not one
     */
    public static KvOp decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int kind = in.get();
            if (kind < 0 || kind >= Kind.values().length) {
                throw new IllegalArgumentException("unknown key-value operation kind " + kind);
            }
            String key = readString(in, "key");
            String value = readString(in, "value");
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " stray bytes after a key-value operation");
            }
            return new KvOp(Kind.values()[kind], key, value);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("key-value operation truncated at " + bytes.length + " bytes", e);
        }
    }

    private static String readString(ByteBuffer in, String what) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException(what + " claims " + length + " bytes, " + in.remaining() + " remain");
        }
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PUT -> "put(" + key + ", " + value + ")";
            case GET -> "get(" + key + ")";
            case APPEND -> "append(" + key + ", " + value + ")";
            case INCREMENT -> "incr(" + key + ")";
        };
    }
}
