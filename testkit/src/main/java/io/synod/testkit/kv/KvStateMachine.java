package io.synod.testkit.kv;

import io.synod.api.ApplyContext;
import io.synod.api.StateMachine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replicated key-value store: the example state machine the simulator's workloads run
 * against, and a template for testing your own. Commands and queries are {@link KvOp}s; every
 * result is the operation's output as UTF-8.
 *
 * <p>Deterministic: a sorted map, so snapshots of equal states are equal bytes.
 */
public final class KvStateMachine implements StateMachine {

    private final TreeMap<String, String> values = new TreeMap<>();

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        KvOp op = KvOp.decode(command);
        KvOp.Applied applied = op.apply(values.getOrDefault(op.key(), ""));
        if (!op.isRead()) {
            values.put(op.key(), applied.next());
        }
        return applied.output().getBytes(StandardCharsets.UTF_8);
    }

    /** Answers a {@code GET} without ordering it; refuses any other operation. */
    @Override
    public byte[] query(byte[] query) {
        KvOp op = KvOp.decode(query);
        if (!op.isRead()) {
            throw new IllegalArgumentException("a query must be a get, was " + op);
        }
        return values.getOrDefault(op.key(), "").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] snapshot() {
        int length = Integer.BYTES;
        for (Map.Entry<String, String> e : values.entrySet()) {
            length += 2 * Integer.BYTES + utf8(e.getKey()).length + utf8(e.getValue()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).putInt(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            byte[] k = utf8(e.getKey());
            byte[] v = utf8(e.getValue());
            out.putInt(k.length).put(k).putInt(v.length).put(v);
        }
        return out.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        TreeMap<String, String> restored = new TreeMap<>();
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            byte[] k = new byte[in.getInt()];
            in.get(k);
            byte[] v = new byte[in.getInt()];
            in.get(v);
            restored.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8));
        }
        values.clear();
        values.putAll(restored);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
