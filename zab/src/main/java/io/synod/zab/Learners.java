package io.synod.zab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The leader's table of its learners in this epoch, and the quorum questions it asks of them: did
 * the voters that reached a step (with the leader, when it has) make a quorum, what is the highest
 * index a quorum holds durably, what is the highest ping round a quorum answered. Kept apart so the
 * leader's phases read as the protocol and the counting (weighted and hierarchical quorums
 * included, hence no sort-and-pick) lives in one place.
 *
 * <p>Learners are kept and visited in id order: every message the leader sends them leaves in that
 * order, which a simulated run replays seed for seed.
 */
final class Learners implements Iterable<LearnerProgress> {

    private final ZabNode node;
    private final Map<Integer, LearnerProgress> byId = new TreeMap<>();

    Learners(ZabNode node) {
        this.node = node;
    }

    /** The learner {@code id}, or null when it has not sent FOLLOWERINFO in this epoch. */
    LearnerProgress get(int id) {
        return byId.get(id);
    }

    void put(LearnerProgress p) {
        byId.put(p.id, p);
    }

    void clear() {
        byId.clear();
    }

    @Override
    public Iterator<LearnerProgress> iterator() {
        return byId.values().iterator();
    }

    /** True when the voting learners that pass {@code counted}, with this leader if {@code withSelf}, are a phase-1 quorum. */
    boolean isPhase1Quorum(boolean withSelf, Predicate<LearnerProgress> counted) {
        return node.quorum.isPhase1Quorum(ids(withSelf, counted));
    }

    /** True when the voting learners that pass {@code counted}, with this leader if {@code withSelf}, are a phase-2 quorum. */
    boolean isPhase2Quorum(boolean withSelf, Predicate<LearnerProgress> counted) {
        return node.quorum.isPhase2Quorum(ids(withSelf, counted));
    }

    private int[] ids(boolean withSelf, Predicate<LearnerProgress> counted) {
        List<Integer> ids = new ArrayList<>();
        if (withSelf) {
            ids.add(node.self);
        }
        for (LearnerProgress p : byId.values()) {
            if (p.voting && counted.test(p)) {
                ids.add(p.id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The highest index above {@code committed} that a quorum of synced voters holds durably (this
     * leader, if it votes, through {@code selfDurable}), or {@code committed} when there is none.
     */
    long quorumDurable(long committed, long selfDurable) {
        for (long candidate : candidates(selfDurable)) {
            if (candidate <= committed) {
                break;
            }
            if (isPhase2Quorum(node.votes() && selfDurable >= candidate, p -> synced(p) && p.ackedIndex >= candidate)) {
                return candidate;
            }
        }
        return committed;
    }

    /** The highest ping round a quorum (this leader included) has answered. */
    long confirmedRound() {
        long[] rounds = byId.values().stream().filter(p -> p.voting && synced(p))
            .mapToLong(p -> p.round).sorted().toArray();
        for (int k = rounds.length - 1; k >= 0; k--) {
            long r = rounds[k];
            if (isPhase2Quorum(true, p -> synced(p) && p.round >= r)) {
                return r;
            }
        }
        return node.quorum.isPhase2Quorum(new int[] {node.self}) ? Long.MAX_VALUE : 0;
    }

    private static boolean synced(LearnerProgress p) {
        return p.phase == LearnerProgress.Phase.SYNCED;
    }

    private long[] candidates(long selfDurable) {
        long[] c = new long[byId.size() + 1];
        int k = 0;
        c[k++] = selfDurable;
        for (LearnerProgress p : byId.values()) {
            c[k++] = p.ackedIndex;
        }
        Arrays.sort(c);
        long[] desc = new long[c.length];
        for (int i = 0; i < c.length; i++) {
            desc[i] = c[c.length - 1 - i];
        }
        return desc;
    }
}
