package io.synod.examples.kv;

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
 * A replicated key-value store in a page: the whole of what a user writes to replicate a service
 * with Synod. Commands are {@code "put <key> <value>"} and {@code "delete <key>"}; queries are
 * {@code "get <key>"}. Answers are the value (or the previous value), empty when absent.
 *
 * <pre>{@code
 * Replica replica = Replica.builder().protocol(MultiPaxos.builder().build())
 *     .self(1).members(1, 2, 3).transport(network.join(1))
 *     .storage(FileStorage.open(dir, StorageOptions.defaults()))
 *     .stateMachine(new KeyValueStore()).start();
 * replica.submit(KeyValueStore.put("colour", "blue")).join();
 * String colour = KeyValueStore.text(replica.read(KeyValueStore.get("colour")).join());
 * }</pre>
 */
public final class KeyValueStore implements StateMachine {

    // Sorted, so that snapshots of equal stores are equal bytes on every replica.
    private final TreeMap<String, String> entries = new TreeMap<>();

    public static byte[] put(String key, String value) {
        return bytes("put " + key + " " + value);
    }

    public static byte[] delete(String key) {
        return bytes("delete " + key);
    }

    public static byte[] get(String key) {
        return bytes("get " + key);
    }

    public static String text(byte[] answer) {
        return new String(answer, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] apply(long index, byte[] command) {
        String[] words = text(command).split(" ", 3);
        switch (words[0]) {
            case "put":
                return answer(entries.put(words[1], words.length > 2 ? words[2] : ""));
            case "delete":
                return answer(entries.remove(words[1]));
            default:
                // Deterministic on every replica: a bad command changes nothing and says so.
                return bytes("error: unknown command " + words[0]);
        }
    }

    @Override
    public byte[] query(byte[] query) {
        String[] words = text(query).split(" ", 2);
        if (!words[0].equals("get") || words.length < 2) {
            throw new IllegalArgumentException("queries are 'get <key>', not '" + text(query) + "'");
        }
        return answer(entries.get(words[1]));
    }

    /** A copy of the map is the consistent view; it streams out later while commands go on applying. */
    @Override
    public SnapshotWriter snapshot() {
        TreeMap<String, String> view = new TreeMap<>(entries);
        return stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(view.size());
            for (Map.Entry<String, String> e : view.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.flush();
        };
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        entries.clear();
        DataInputStream in = new DataInputStream(stream);
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            entries.put(in.readUTF(), in.readUTF());
        }
    }

    private static byte[] answer(String value) {
        return bytes(value == null ? "" : value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
