package io.synod.quorum;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Weighted majorities: equal weights are plain majority; zero weights never count. */
class WeightedProperties {

    @Provide
    Arbitrary<int[]> members() {
        return Specs.memberIds(1, 9);
    }

    @Property(tries = 200)
    void equalPositiveWeightsAreAPlainMajority(@ForAll("members") int[] members,
                                               @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 9) long weight) {
        Map<Integer, Long> weights = new HashMap<>();
        for (int id : members) {
            weights.put(id, weight);
        }
        QuorumSystem weighted = QuorumSystem.weighted(weights);
        QuorumSystem majority = QuorumSystem.majority(members);
        for (int mask = 0; mask < 1 << members.length; mask++) {
            int[] voters = Subsets.of(members, mask);
            assertEquals(majority.isPhase1Quorum(voters), weighted.isPhase1Quorum(voters), () -> Arrays.toString(voters));
            assertEquals(majority.isPhase2Quorum(voters), weighted.isPhase2Quorum(voters), () -> Arrays.toString(voters));
            VoteTracker tracker = weighted.newTracker();
            for (int v : voters) {
                tracker.record(v);
            }
            assertEquals(majority.isPhase1Quorum(voters), tracker.isPhase1Quorum(), () -> "tracker, " + Arrays.toString(voters));
        }
    }

    @Provide
    Arbitrary<Map<Integer, Long>> weightsWithZeros() {
        return Specs.memberIds(2, 9).flatMap(ids -> Combinators.combine(Specs.weights(ids.length),
                Arbitraries.of(true, false).list().ofSize(ids.length))
            .as((List<Long> w, List<Boolean> zero) -> {
                Map<Integer, Long> map = Specs.weightMap(ids, w);
                for (int i = 0; i < ids.length; i++) {
                    if (zero.get(i)) {
                        map.put(ids[i], 0L);
                    }
                }
                return map;
            })
            .filter(map -> map.values().stream().anyMatch(x -> x > 0)));
    }

    @Property(tries = 200)
    void zeroWeightMembersNeverCount(@ForAll("weightsWithZeros") Map<Integer, Long> weights) {
        QuorumSystem weighted = QuorumSystem.weighted(weights);
        int[] members = weighted.members();
        for (int mask = 0; mask < 1 << members.length; mask++) {
            int[] voters = Subsets.of(members, mask);
            int[] weighty = Arrays.stream(voters).filter(v -> weights.get(v) > 0).toArray();
            assertEquals(weighted.isPhase1Quorum(weighty), weighted.isPhase1Quorum(voters), () -> Arrays.toString(voters));
        }
    }

    @Property(tries = 200)
    void aQuorumHoldsMoreThanHalfTheWeight(@ForAll("weightsWithZeros") Map<Integer, Long> weights) {
        QuorumSystem weighted = QuorumSystem.weighted(weights);
        int[] members = weighted.members();
        BigInteger total = sum(weights, members);
        for (int mask = 0; mask < 1 << members.length; mask++) {
            int[] voters = Subsets.of(members, mask);
            boolean expected = sum(weights, voters).shiftLeft(1).compareTo(total) > 0;
            assertEquals(expected, weighted.isPhase1Quorum(voters), () -> Arrays.toString(voters));
        }
    }

    // BigInteger so the reference cannot share an overflow bug with the code under test.
    private static BigInteger sum(Map<Integer, Long> weights, int[] ids) {
        BigInteger s = BigInteger.ZERO;
        for (int id : ids) {
            s = s.add(BigInteger.valueOf(weights.get(id)));
        }
        return s;
    }
}
