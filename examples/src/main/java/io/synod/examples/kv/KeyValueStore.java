package io.synod.examples.kv;

import io.synod.api.ApplyContext;
import io.synod.api.StateMachine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public byte[] apply(ApplyContext ctx, byte[] command) {
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

    @Override
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        entries.clear();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                entries.put(in.readUTF(), in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of the key-value store is malformed", e);
        }
    }

    private static byte[] answer(String value) {
        return bytes(value == null ? "" : value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
