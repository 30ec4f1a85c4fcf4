package io.synod.examples.kv;

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
 * A replicated key-value store in a page: the whole of what a user writes to replicate a service
 * with Synod. Commands are {@code "put <key> <value>"}, {@code "delete <key>"} and
 * {@code "own <key> <value>"} — a put whose key belongs to the issuing session and goes when the
 * session ends (ZooKeeper's ephemeral node). Queries are {@code "get <key>"} and
 * {@code "stat <key>"}. Answers are the value (or the previous value), empty when absent; a stat
 * is {@code "version=<index>.<position> modified=<ms> owner=<session>"}.
 *
 * <p>Everything it records about a write comes from the {@link ApplyContext}, so every replica
 * records the same: where in the log it happened (a version that only grows), the leader's time
 * stamp of its batch (never this replica's clock), and the session that wrote it.
 *
 * <pre>{@code
 * Replica replica = Replica.builder().protocol(MultiPaxos.builder().build())
 *     .self(1).members(1, 2, 3).transport(network.join(1))
 *     .storage(FileStorage.open(dir, StorageOptions.defaults()))
 *     .stateMachine(new KeyValueStore()).start();
 * replica.submit(KeyValueStore.put("colour", "blue")).join();
 * Session session = replica.openSession(Duration.ofSeconds(10)).join();
 * Applied owned = replica.submit(session.id(), 1, KeyValueStore.own("leader", "node-1")).join();
 * replica.touch(session.id());                                  // keep the session (and the key) alive
 * String who = KeyValueStore.text(replica.readLocal(owned.index(), KeyValueStore.get("leader")).join());
 * replica.closeSession(session.id()).join();                    // "leader" is gone on every replica
 * }</pre>
 */
public final class KeyValueStore implements StateMachine {

    /** A value and where, when and by whom it was written. */
    private record Entry(String value, long index, int position, long modified, long owner) {
    }

    // Sorted, so that snapshots of equal stores are equal bytes on every replica.
    private final TreeMap<String, Entry> entries = new TreeMap<>();

    public static byte[] put(String key, String value) {
        return bytes("put " + key + " " + value);
    }

    /** A put whose key belongs to the issuing session: removed when the session ends. */
    public static byte[] own(String key, String value) {
        return bytes("own " + key + " " + value);
    }

    public static byte[] delete(String key) {
        return bytes("delete " + key);
    }

    public static byte[] get(String key) {
        return bytes("get " + key);
    }

    public static byte[] stat(String key) {
        return bytes("stat " + key);
    }

    public static String text(byte[] answer) {
        return new String(answer, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        String[] words = text(command).split(" ", 3);
        String value = words.length > 2 ? words[2] : "";
        switch (words[0]) {
            case "put":
                return answer(entries.put(words[1], new Entry(value, ctx.index(), ctx.position(), ctx.timestamp(), 0)));
            case "own":
                return answer(entries.put(words[1], new Entry(value, ctx.index(), ctx.position(), ctx.timestamp(), ctx.sessionId())));
            case "delete":
                return answer(entries.remove(words[1]));
            default:
                // Deterministic on every replica: a bad command changes nothing and says so.
                return bytes("error: unknown command " + words[0]);
        }
    }

    /** A session ended: the keys it owned go, at the same point of the log on every replica. */
    @Override
    public void onSessionExpired(ApplyContext ctx, long sessionId) {
        entries.values().removeIf(e -> e.owner() == sessionId);
    }

    @Override
    public byte[] query(byte[] query) {
        String[] words = text(query).split(" ", 2);
        if (words.length < 2 || !(words[0].equals("get") || words[0].equals("stat"))) {
            throw new IllegalArgumentException("queries are 'get <key>' or 'stat <key>', not '" + text(query) + "'");
        }
        Entry e = entries.get(words[1]);
        if (words[0].equals("get") || e == null) {
            return answer(e);
        }
        return bytes("version=" + e.index() + "." + e.position() + " modified=" + e.modified() + " owner=" + e.owner());
    }

    /** A copy of the map is the consistent view; it streams out later while commands go on applying. */
    @Override
    public SnapshotWriter snapshot() {
        // Entries are immutable records: a copy of the map is a consistent view.
        TreeMap<String, Entry> view = new TreeMap<>(entries);
        return stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(view.size());
            for (Map.Entry<String, Entry> e : view.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue().value());
                out.writeLong(e.getValue().index());
                out.writeInt(e.getValue().position());
                out.writeLong(e.getValue().modified());
                out.writeLong(e.getValue().owner());
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
            entries.put(in.readUTF(), new Entry(in.readUTF(), in.readLong(), in.readInt(), in.readLong(), in.readLong()));
        }
    }

    private static byte[] answer(Entry entry) {
        return bytes(entry == null ? "" : entry.value());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
