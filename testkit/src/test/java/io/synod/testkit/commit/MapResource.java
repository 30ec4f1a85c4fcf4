package io.synod.testkit.commit;

import io.synod.api.commit.TransactionId;
import io.synod.api.commit.TransactionalResource;
import io.synod.api.commit.Vote;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A key-value resource with one lock per key: a part {@code "key=value"} votes yes if the key is
 * free (and takes its lock), {@code "no:reason"} always votes no. Committed values and the
 * outcomes applied are durable; locks and prepared parts are lost by {@link #crash()}.
 */
final class MapResource implements TransactionalResource {

    private final Map<String, String> values = new TreeMap<>();
    private final Set<TransactionId> finished = new HashSet<>();
    private final Map<String, TransactionId> locks = new HashMap<>();
    private final Map<TransactionId, String[]> prepared = new HashMap<>();

    static byte[] part(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Vote prepare(TransactionId transaction, byte[] part) {
        String text = new String(part, StandardCharsets.UTF_8);
        if (text.startsWith("no:")) {
            return Vote.no(text.substring(3));
        }
        String[] kv = text.split("=", 2);
        TransactionId holder = locks.get(kv[0]);
        if (holder != null && !holder.equals(transaction)) {
            return Vote.no(kv[0] + " is locked by " + holder);
        }
        locks.put(kv[0], transaction);
        prepared.put(transaction, kv);
        return Vote.YES;
    }

    @Override
    public void commit(TransactionId transaction) {
        String[] kv = prepared.remove(transaction);
        if (kv != null) {
            values.put(kv[0], kv[1]);
            locks.remove(kv[0]);
        }
        finished.add(transaction);
    }

    @Override
    public void abort(TransactionId transaction) {
        String[] kv = prepared.remove(transaction);
        if (kv != null) {
            locks.remove(kv[0]);
        }
        finished.add(transaction);
    }

    @Override
    public void restorePrepared(TransactionId transaction, byte[] part) {
        if (finished.contains(transaction)) {
            return;
        }
        String[] kv = new String(part, StandardCharsets.UTF_8).split("=", 2);
        locks.put(kv[0], transaction);
        prepared.put(transaction, kv);
    }

    /** Loses what lives only in memory: locks and prepared parts. */
    void crash() {
        locks.clear();
        prepared.clear();
    }

    String value(String key) {
        return values.get(key);
    }

    boolean locked(String key) {
        return locks.containsKey(key);
    }
}
