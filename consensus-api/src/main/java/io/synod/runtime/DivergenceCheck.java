package io.synod.runtime;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges this replica's applied state against the others' from their {@link DigestReport}s.
 *
 * <p>For each reported index it gathers the members' digests, this replica's own among them.
 * Once a majority of the members agree on one digest, every replica whose digest differs from it
 * has diverged: if that is this replica, it must stop; if it is another, this one reports it. A
 * disagreement without such a majority is reported too, and decides nothing. With two members
 * or fewer a majority is everyone, so a disagreement is always reported and never stops anyone:
 * nobody can tell which side is right.
 *
 * <p>Every replica reads the same reports in the same log order, so each reaches its verdict on
 * the same evidence. Reports about indexes this replica no longer keeps a digest for (it installed
 * a snapshot above them, or they arrived very late) are ignored.
 *
 * <p>A member judges an index only once its own report about it is in the log, and holds the
 * others' reports until then. Without that, a replica whose own report was lost (it was
 * forwarded to a leader that stepped down) would find itself diverged from the others' reports
 * and stop, and the others, never reading its digest, could not name it. Held back, the verdict
 * falls at the position of its own report, where every member reads the same three digests.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class DivergenceCheck {

    /** What a report revealed. */
    record Finding(Kind kind, long index, String description) {
    }

    /** The kinds of finding. */
    enum Kind {
        /** A majority of the members agree on a digest and this replica's differs: it must stop. */
        SELF_DIVERGED,
        /** A majority agree with this replica and another replica's digest differs. */
        PEER_DIVERGED,
        /** Digests differ and no majority agrees yet. */
        DISAGREEMENT
    }

    private static final int INDEXES_KEPT = ReplicatedState.CHECKPOINTS_KEPT;

    /** What is known about one index: the members' digests, and what has been said about them. */
    private static final class Votes {
        final Map<Integer, Long> byNode = new TreeMap<>();
        final Set<Integer> divergedReported = new HashSet<>();
        boolean disagreementSeen;
        boolean selfDiverged;
        /** This replica's own report about the index is in the log: the verdict may fall. */
        boolean ownOrdered;
    }

    private final int self;
    private final int[] members;
    private final int majority;
    /** This replica votes (reports its own digest); an observer only reads the members' reports. */
    private final boolean selfIsMember;
    private final Long2ObjectHashMap<Votes> votes = new Long2ObjectHashMap<>();

    DivergenceCheck(int self, int[] members) {
        this.self = self;
        this.members = members.clone();
        this.majority = members.length / 2 + 1;
        this.selfIsMember = isMember(self);
    }

    /**
     * Weighs another replica's report against this replica's state.
     *
     * @param own this replica's digest at {@code index}
     * @return what the report revealed, or {@code null} if nothing new (or nothing yet: a member
     *     waits for its own report about the index)
     */
    Finding onReport(int node, long index, long digest, long own) {
        if (!isMember(node) || node == self) {
            return null;
        }
        Votes v = votesAt(index);
        v.byNode.put(node, digest);
        return selfIsMember && !v.ownOrdered ? null : judge(v, index, own);
    }

    /**
     * This replica's own report about {@code index} is in the log: the reports held for it are
     * weighed now.
     *
     * @param own this replica's digest at {@code index}
     * @return what the reports revealed, or {@code null} if nothing new
     */
    Finding onOwnReport(long index, long own) {
        if (!selfIsMember) {
            return null;
        }
        Votes v = votesAt(index);
        v.ownOrdered = true;
        return judge(v, index, own);
    }

    private Votes votesAt(long index) {
        Votes v = votes.get(index);
        if (v == null) {
            v = new Votes();
            votes.put(index, v);
            forgetOld(index);
        }
        return v;
    }

    private Finding judge(Votes v, long index, long own) {
        if (selfIsMember) {
            v.byNode.put(self, own);
        }
        if (v.selfDiverged) {
            return null;
        }
        Long agreed = majorityDigest(v.byNode);
        if (agreed == null) {
            if (v.disagreementSeen || allEqual(v.byNode, own)) {
                return null;
            }
            v.disagreementSeen = true;
            return new Finding(Kind.DISAGREEMENT, index, "digests after entry " + index + " differ and no majority of "
                + Arrays.toString(members) + " agrees yet: " + describe(v.byNode) + ", replica " + self + " " + Long.toHexString(own));
        }
        if (own != agreed) {
            v.selfDiverged = true;
            return new Finding(Kind.SELF_DIVERGED, index, "replica " + self + "'s digest after entry " + index + " is "
                + Long.toHexString(own) + ", a majority of " + Arrays.toString(members) + " holds " + Long.toHexString(agreed)
                + ": " + describe(v.byNode));
        }
        StringBuilder diverged = new StringBuilder();
        v.byNode.forEach((n, d) -> {
            if (d.longValue() != agreed && v.divergedReported.add(n)) {
                diverged.append(diverged.length() == 0 ? "" : ", ").append(n);
            }
        });
        if (diverged.length() == 0) {
            return null;
        }
        return new Finding(Kind.PEER_DIVERGED, index, "replica(s) " + diverged + " diverged after entry " + index
            + ": a majority of " + Arrays.toString(members) + " holds " + Long.toHexString(agreed) + "; " + describe(v.byNode));
    }

    private Long majorityDigest(Map<Integer, Long> byNode) {
        for (Long candidate : byNode.values()) {
            long count = byNode.values().stream().filter(candidate::equals).count();
            if (count >= majority) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean allEqual(Map<Integer, Long> byNode, long own) {
        return byNode.values().stream().allMatch(d -> d == own);
    }

    private static String describe(Map<Integer, Long> byNode) {
        StringBuilder out = new StringBuilder("{");
        byNode.forEach((n, d) -> out.append(out.length() == 1 ? "" : ", ").append(n).append('=').append(Long.toHexString(d)));
        return out.append('}').toString();
    }

    private boolean isMember(int node) {
        for (int m : members) {
            if (m == node) {
                return true;
            }
        }
        return false;
    }

    private void forgetOld(long newest) {
        if (votes.size() <= INDEXES_KEPT) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (Long2ObjectHashMap<Votes>.KeyIterator it = votes.keySet().iterator(); it.hasNext(); ) {
            oldest = Math.min(oldest, it.nextLong());
        }
        if (oldest != newest) {
            votes.remove(oldest);
        }
    }
}
