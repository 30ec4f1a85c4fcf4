package io.synod.quorum;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A majority of n members survives exactly (n - 1) / 2 failures. */
class MajorityProperties {

    @Provide
    Arbitrary<int[]> members() {
        return Specs.memberIds(1, 9);
    }

    @Property(tries = 200)
    void survivesAnyMinorityOfFailures(@ForAll("members") int[] members) {
        QuorumSystem majority = QuorumSystem.majority(members);
        int n = members.length;
        int tolerated = (n - 1) / 2;
        for (int failed = 0; failed < 1 << n; failed++) {
            int[] alive = Subsets.of(members, ~failed & ((1 << n) - 1));
            int[] failedIds = Subsets.of(members, failed);
            int f = Integer.bitCount(failed);
            if (f <= tolerated) {
                assertTrue(majority.isPhase1Quorum(alive) && majority.isPhase2Quorum(alive),
                    () -> "losing " + Arrays.toString(failedIds) + " of " + Arrays.toString(members) + " left no quorum");
            } else if (f == tolerated + 1) {
                // One failure more than tolerated always breaks a majority (not merely some set).
                assertFalse(majority.isPhase1Quorum(alive) || majority.isPhase2Quorum(alive),
                    () -> "losing " + Arrays.toString(failedIds) + " of " + Arrays.toString(members) + " still left a quorum");
            }
        }
    }

    @Property(tries = 200)
    void aQuorumIsMoreThanHalfAndNoneOfTheRest(@ForAll("members") int[] members) {
        QuorumSystem majority = QuorumSystem.majority(members);
        for (int mask = 0; mask < 1 << members.length; mask++) {
            int[] voters = Subsets.of(members, mask);
            assertEquals(2 * voters.length > members.length, majority.isPhase1Quorum(voters), Arrays.toString(voters));
        }
    }

    @Property(tries = 100)
    void membersAreSortedAndKnown(@ForAll("members") int[] members) {
        QuorumSystem majority = QuorumSystem.majority(members);
        int[] sorted = members.clone();
        Arrays.sort(sorted);
        assertEquals(Arrays.toString(sorted), Arrays.toString(majority.members()));
        assertEquals(members.length, majority.size());
        for (int p = 0; p < sorted.length; p++) {
            assertEquals(sorted[p], majority.member(p));
            assertTrue(majority.isMember(sorted[p]));
        }
        assertFalse(majority.isMember(Specs.HIGHEST_ID + 1));
        assertEquals("majority of " + Arrays.toString(sorted), majority.toString());
    }
}
