package io.synod.testkit.commit;

import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory key-value resource with one lock per key, for tests and examples. A part
 * {@code "key=value"} votes yes if the key's lock is free (and takes it), no if another
 * transaction holds it; a part {@code "no:reason"} always votes no. Committed values and the
 * outcomes applied count as durable; locks and prepared parts are lost by {@link #crash()}.
 * Synchronized, so a test thread may read what a driver thread wrote.
 */
public final class KvResource implements CrashableResource {

    private final Map<String, String> values = new TreeMap<>();
    private final Set<TransactionId> finished = new HashSet<>();
    private final Map<String, TransactionId> locks = new HashMap<>();
    private final Map<TransactionId, String[]> prepared = new HashMap<>();

    /** The part that sets {@code key} to {@code value}. */
    public static byte[] put(String key, String value) {
        if (key.contains("=") || key.startsWith("no:")) {
            throw new IllegalArgumentException("a key may not contain '=' or start with 'no:', was '" + key + "'");
        }
        return (key + "=" + value).getBytes(StandardCharsets.UTF_8);
    }

    /** The part whose resource votes no, giving {@code reason}. */
    public static byte[] refuse(String reason) {
        return ("no:" + reason).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized Vote prepare(TransactionId transaction, byte[] part) {
        String text = new String(part, StandardCharsets.UTF_8);
        if (text.startsWith("no:")) {
            return Vote.no(text.substring(3));
        }
        String[] kv = split(text);
        TransactionId holder = locks.get(kv[0]);
        if (holder != null && !holder.equals(transaction)) {
            return Vote.no(kv[0] + " is locked by " + holder);
        }
        locks.put(kv[0], transaction);
        prepared.put(transaction, kv);
        return Vote.YES;
    }

    @Override
    public synchronized void commit(TransactionId transaction) {
        String[] kv = prepared.remove(transaction);
        if (kv != null) {
            values.put(kv[0], kv[1]);
            locks.remove(kv[0]);
        }
        finished.add(transaction);
    }

    @Override
    public synchronized void abort(TransactionId transaction) {
        String[] kv = prepared.remove(transaction);
        if (kv != null) {
            locks.remove(kv[0]);
        }
        finished.add(transaction);
    }

    @Override
    public synchronized void restorePrepared(TransactionId transaction, byte[] part) {
        if (finished.contains(transaction)) {
            return;
        }
        String[] kv = split(new String(part, StandardCharsets.UTF_8));
        locks.put(kv[0], transaction);
        prepared.put(transaction, kv);
    }

    @Override
    public synchronized void crash() {
        locks.clear();
        prepared.clear();
    }

    /** The committed value of {@code key}, or null. */
    public synchronized String value(String key) {
        return values.get(key);
    }

    /** True while a transaction holds {@code key}'s lock. */
    public synchronized boolean locked(String key) {
        return locks.containsKey(key);
    }

    private static String[] split(String text) {
        String[] kv = text.split("=", 2);
        if (kv.length != 2) {
            throw new IllegalArgumentException("a part is 'key=value' or 'no:reason', was '" + text + "'");
        }
        return kv;
    }
}
