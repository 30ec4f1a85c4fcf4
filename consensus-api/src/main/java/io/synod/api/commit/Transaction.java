package io.synod.api.commit;

import io.synod.api.ProtocolContext;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A distributed transaction as a coordinator begins it: its id and, for each participant, the
 * part of the work that participant does (a money transfer: "debit 10 from account a" for one
 * shard, "credit 10 to account b" for another). The participants are exactly the keys; each
 * votes from its own resource's state whether it can do its part.
 *
 * <p>Payloads are not copied: do not change an array after handing it over.
 *
 * @param id       the transaction's id
 * @param payloads each participant's part, by node id; at least one
 */
public record Transaction(TransactionId id, SortedMap<Integer, byte[]> payloads) {

    public Transaction {
        if (id == null) {
            throw new IllegalArgumentException("a transaction needs an id");
        }
        if (payloads == null || payloads.isEmpty()) {
            throw new IllegalArgumentException("transaction " + id + " needs at least one participant");
        }
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> e : payloads.entrySet()) {
            int node = e.getKey();
            if (node < 0 || node > ProtocolContext.MAX_NODE_ID) {
                throw new IllegalArgumentException("transaction " + id + ": participant id " + node + " is outside 0.."
                    + ProtocolContext.MAX_NODE_ID);
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("transaction " + id + ": participant " + node + " has no payload");
            }
            copy.put(node, e.getValue());
        }
        payloads = Collections.unmodifiableSortedMap(copy);
    }

    /** A transaction from any map of payloads. */
    public static Transaction of(TransactionId id, Map<Integer, byte[]> payloads) {
        return new Transaction(id, payloads == null ? null : new TreeMap<>(payloads));
    }

    /** The participants, in ascending id order. */
    public int[] participants() {
        return payloads.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when {@code node} takes part. */
    public boolean involves(int node) {
        return payloads.containsKey(node);
    }

    /** The part {@code participant} does. */
    public byte[] payload(int participant) {
        byte[] payload = payloads.get(participant);
        if (payload == null) {
            throw new IllegalArgumentException("node " + participant + " takes no part in " + id);
        }
        return payload;
    }

    @Override
    public String toString() {
        return "Transaction[" + id + ", participants " + payloads.keySet() + "]";
    }
}
