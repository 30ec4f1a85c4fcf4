package io.synod.testkit.kv;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replicated key-value store: the example state machine the simulator's workloads run
 * against, and a template for testing your own. Commands and queries are {@link KvOp}s; every
 * result is the operation's output as UTF-8.
 *
 * <p>Deterministic: a sorted map, so snapshots of equal states are equal bytes. The snapshot's
 * consistent view is a copy of the map, taken on the replica thread; the copy streams out later
 * while commands go on changing the live map (the simulator writes it some time after taking it,
 * so a view that shared the live map would show as a divergence).
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
    public SnapshotWriter snapshot() {
        TreeMap<String, String> view = new TreeMap<>(values);
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(view.size());
            for (Map.Entry<String, String> e : view.entrySet()) {
                byte[] k = utf8(e.getKey());
                byte[] v = utf8(e.getValue());
                data.writeInt(k.length);
                data.write(k);
                data.writeInt(v.length);
                data.write(v);
            }
            data.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        TreeMap<String, String> restored = new TreeMap<>();
        int count = data.readInt();
        for (int i = 0; i < count; i++) {
            String k = new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
            String v = new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
            restored.put(k, v);
        }
        values.clear();
        values.putAll(restored);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
