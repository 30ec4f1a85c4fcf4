package io.synod.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * The generic check on replicated sessions: every node that applies an entry ends the same
 * sessions there, in the same order, for the same reason (closed or expired). A session that
 * stops renewing must therefore expire at the same log index on every replica — what a
 * coordination service needs to delete its ephemeral nodes alike everywhere. A node that skips
 * an entry by installing a snapshot is not asked about it.
 */
final class SessionOracle {

    /** For each index applied so far, the session ends seen there: id, negated if expired. */
    private final HashMap<Long, long[]> endsAt = new HashMap<>();
    private final HashMap<Integer, List<Long>> applying = new HashMap<>();
    private final HashSet<Long> expired = new HashSet<>();

    /** Node {@code node}, applying an entry, ended {@code sessionId}. Returns true the first time a session expired anywhere. */
    boolean ended(int node, long sessionId, boolean byExpiry) {
        applying.computeIfAbsent(node, n -> new ArrayList<>()).add(byExpiry ? -sessionId : sessionId);
        return byExpiry && expired.add(sessionId);
    }

    /**
     * Node {@code node} finished applying entry {@code index}: compares the sessions it ended there
     * with those the first node to apply the index ended. Returns what differs, or null.
     */
    String entryApplied(int node, long index) {
        List<Long> mine = applying.remove(node);
        long[] ends = mine == null ? new long[0] : mine.stream().mapToLong(Long::longValue).toArray();
        long[] first = endsAt.putIfAbsent(index, ends);
        if (first == null || Arrays.equals(first, ends)) {
            return null;
        }
        return "node " + node + " ended sessions " + describe(ends) + " at index " + index + ", but another node ended "
            + describe(first) + " there";
    }

    /** A node crashed while applying: what it saw of that entry is gone. */
    void forget(int node) {
        applying.remove(node);
    }

    private static String describe(long[] ends) {
        StringBuilder b = new StringBuilder("[");
        for (long e : ends) {
            b.append(b.length() > 1 ? ", " : "").append(Math.abs(e)).append(e < 0 ? " expired" : " closed");
        }
        return b.append(']').toString();
    }
}
