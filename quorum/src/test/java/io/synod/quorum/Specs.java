package io.synod.quorum;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generated quorum configurations for properties: each can be built through the public factory
 * (with the intersection check) or unchecked (to inspect a configuration the factory refuses).
 */
final class Specs {

    /** Member ids are drawn from here; votes outside it are certainly non-members. */
    static final int LOWEST_ID = -50;
    static final int HIGHEST_ID = 50;

    private Specs() {
    }

    /** One configuration, printed the way a failing property should show it. */
    record Spec(String text, Supplier<QuorumSystem> checked, Supplier<AbstractQuorumSystem> unchecked) {

        /** Builds through the factory, or returns null when the factory refuses for disjoint quorums. */
        QuorumSystem buildOrNull() {
            try {
                return checked.get();
            } catch (DisjointQuorumsException refused) {
                return null;
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static Arbitrary<int[]> memberIds(int min, int max) {
        return Arbitraries.integers().between(LOWEST_ID, HIGHEST_ID).set().ofMinSize(min).ofMaxSize(max)
            .map(Specs::toArray);
    }

    static int[] toArray(Set<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static Arbitrary<Spec> majority(int maxMembers) {
        return memberIds(1, maxMembers).map(m -> new Spec("majority(" + Arrays.toString(m) + ")",
            () -> QuorumSystem.majority(m), () -> Majority.unchecked(m)));
    }

    static Arbitrary<Spec> all(int maxMembers) {
        return memberIds(1, maxMembers).map(m -> new Spec("all(" + Arrays.toString(m) + ")",
            () -> QuorumSystem.all(m), () -> All.unchecked(m)));
    }

    static Arbitrary<Spec> flexible(int maxMembers) {
        return memberIds(1, maxMembers).flatMap(m -> Combinators.combine(
                Arbitraries.integers().between(1, m.length), Arbitraries.integers().between(1, m.length))
            .as((q1, q2) -> flexibleSpec(q1, q2, m)));
    }

    /** Flexible sizes with q1 + q2 &lt;= n: always refused. */
    static Arbitrary<Spec> disjointFlexible(int minMembers, int maxMembers) {
        return memberIds(Math.max(2, minMembers), maxMembers).flatMap(m -> Arbitraries.integers().between(1, m.length - 1)
            .flatMap(q1 -> Arbitraries.integers().between(1, m.length - q1).map(q2 -> flexibleSpec(q1, q2, m))));
    }

    private static Spec flexibleSpec(int q1, int q2, int[] m) {
        return new Spec("flexible(" + q1 + ", " + q2 + ", " + Arrays.toString(m) + ")",
            () -> QuorumSystem.flexible(q1, q2, m), () -> Flexible.unchecked(q1, q2, m));
    }

    static Arbitrary<Spec> weighted(int maxMembers) {
        return memberIds(1, maxMembers).flatMap(m -> weights(m.length).map(w -> {
            Map<Integer, Long> map = weightMap(m, w);
            return new Spec("weighted(" + map + ")", () -> QuorumSystem.weighted(map), () -> Weighted.unchecked(map));
        }));
    }

    /**
     * Non-negative weights, at least one positive; sometimes huge, to exercise overflow-safe
     * sums, but never so huge that the total overflows (that is refused, and tested apart).
     */
    static Arbitrary<List<Long>> weights(int n) {
        Arbitrary<Long> one = Arbitraries.oneOf(Arbitraries.longs().between(0, 4),
            Arbitraries.longs().between(0, Long.MAX_VALUE / (n + 1)));
        return one.list().ofSize(n).filter(ws -> ws.stream().anyMatch(x -> x > 0));
    }

    static Map<Integer, Long> weightMap(int[] ids, List<Long> weights) {
        Map<Integer, Long> map = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            map.put(ids[i], weights.get(i));
        }
        return map;
    }

    static Arbitrary<Spec> hierarchical(int maxMembers) {
        return memberIds(1, maxMembers).flatMap(m -> Combinators.combine(
                Arbitraries.integers().between(0, 3).list().ofSize(m.length),
                Arbitraries.longs().between(0, 3).list().ofSize(m.length))
            .as((groupIndex, w) -> hierarchicalSpec(m, groupIndex, w))
            .filter(spec -> spec != null));
    }

    private static Spec hierarchicalSpec(int[] ids, List<Integer> groupIndex, List<Long> weights) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            groups.add(new ArrayList<>());
        }
        long[] groupWeight = new long[4];
        for (int i = 0; i < ids.length; i++) {
            groups.get(groupIndex.get(i)).add(ids[i]);
            groupWeight[groupIndex.get(i)] += weights.get(i);
        }
        if (Arrays.stream(groupWeight).allMatch(x -> x == 0)) {
            return null;
        }
        int[][] g = groups.stream().filter(l -> !l.isEmpty())
            .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        Map<Integer, Long> map = weightMap(ids, weights);
        return new Spec("hierarchical(" + map + ", " + Arrays.deepToString(g) + ")",
            () -> QuorumSystem.hierarchical(map, g), () -> Hierarchical.unchecked(map, g));
    }

    /** Explicit families of 1..4 listed quorums per phase over up to {@code maxMembers} ids. */
    static Arbitrary<Spec> families(int maxMembers) {
        return memberIds(1, maxMembers).flatMap(m -> {
            Arbitrary<int[][]> family = subsetOf(m).list().ofMinSize(1).ofMaxSize(4).map(l -> l.toArray(int[][]::new));
            return Combinators.combine(family, family).as((p1, p2) -> familiesSpec(p1, p2));
        });
    }

    /** Explicit families that list a phase-1 quorum and a phase-2 quorum sharing no member: always refused. */
    static Arbitrary<Spec> disjointFamilies(int maxMembers) {
        return memberIds(2, maxMembers).flatMap(m -> Arbitraries.integers().between(1, m.length - 1).flatMap(cut -> {
            int[] left = Arrays.copyOfRange(m, 0, cut);
            int[] right = Arrays.copyOfRange(m, cut, m.length);
            Arbitrary<List<int[]>> others = subsetOf(m).list().ofMaxSize(3);
            return Combinators.combine(others, others, subsetOf(left), subsetOf(right)).as((o1, o2, a, b) -> {
                List<int[]> p1 = new ArrayList<>(o1);
                p1.add(a);
                List<int[]> p2 = new ArrayList<>(o2);
                p2.add(0, b);
                return familiesSpec(p1.toArray(int[][]::new), p2.toArray(int[][]::new));
            });
        }));
    }

    private static Spec familiesSpec(int[][] p1, int[][] p2) {
        return new Spec("flexible(" + Arrays.deepToString(p1) + ", " + Arrays.deepToString(p2) + ")",
            () -> QuorumSystem.flexible(p1, p2), () -> QuorumFamilies.unchecked(p1, p2));
    }

    /** A non-empty subset of {@code ids}. */
    static Arbitrary<int[]> subsetOf(int[] ids) {
        return Arbitraries.integers().between(1, (1 << ids.length) - 1).map(mask -> {
            int[] out = new int[Integer.bitCount(mask)];
            int k = 0;
            for (int i = 0; i < ids.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    out[k++] = ids[i];
                }
            }
            return out;
        });
    }

    /** Every kind of configuration, up to {@code maxMembers} members. */
    static Arbitrary<Spec> any(int maxMembers) {
        return Arbitraries.oneOf(majority(maxMembers), weighted(maxMembers), hierarchical(maxMembers),
            flexible(maxMembers), families(Math.min(maxMembers, 7)), all(maxMembers));
    }
}
