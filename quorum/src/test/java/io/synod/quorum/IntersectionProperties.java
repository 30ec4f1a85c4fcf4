package io.synod.quorum;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The safety condition of every quorum system: a phase-1 quorum and a phase-2 quorum always
 * share a member, and a configuration without that property is refused with two quorums that
 * prove it.
 */
class IntersectionProperties {

    private static final Pattern WITNESSES =
        Pattern.compile("^phase-1 quorum \\[([^\\]]*)] and phase-2 quorum \\[([^\\]]*)] share no member, in (.+)$");

    @Provide
    Arbitrary<Specs.Spec> smallConfigurations() {
        return Specs.any(9);
    }

    @Provide
    Arbitrary<Specs.Spec> refusedConfigurations() {
        return Arbitraries.oneOf(Specs.disjointFlexible(2, 9), Specs.disjointFamilies(7));
    }

    @Provide
    Arbitrary<Specs.Spec> largeConfigurations() {
        return Arbitraries.oneOf(Specs.majority(40), Specs.weighted(40), Specs.hierarchical(40), Specs.flexible(40),
            Specs.all(40)).filter(s -> s.unchecked().get().size() > Intersection.EXHAUSTIVE_LIMIT);
    }

    @Property(tries = 300)
    void acceptedExactlyWhenEveryPhase1QuorumMeetsEveryPhase2Quorum(@ForAll("smallConfigurations") Specs.Spec spec) {
        int[][] disjoint = Subsets.disjointPair(spec.unchecked().get());
        QuorumSystem built = spec.buildOrNull();
        if (built != null) {
            assertNull(disjoint, () -> spec + " was accepted, yet phase-1 quorum " + Arrays.toString(disjoint[0])
                + " and phase-2 quorum " + Arrays.toString(disjoint[1]) + " are disjoint");
            assertNull(Subsets.disjointPair(built), "the accepted system answers like its unchecked twin");
        } else {
            assertNotNull(disjoint, () -> spec + " was refused, yet all of its quorums intersect");
        }
    }

    @Property(tries = 300)
    void majorityWeightedHierarchicalAndAllAreAlwaysAccepted(@ForAll("smallConfigurations") Specs.Spec spec) {
        boolean mayBeRefused = spec.text().startsWith("flexible");
        if (!mayBeRefused) {
            assertNotNull(spec.buildOrNull(), () -> spec + " was refused");
        }
    }

    @Property(tries = 300)
    void refusalNamesTwoMinimalDisjointQuorums(@ForAll("refusedConfigurations") Specs.Spec spec) {
        DisjointQuorumsException refused = assertThrows(DisjointQuorumsException.class, spec.checked()::get,
            () -> spec + " should have been refused");
        assertNamesDisjointMinimalQuorums(spec, refused);
    }

    @Property(tries = 100)
    void largeConfigurationsAreJudgedByArgument(@ForAll("largeConfigurations") Specs.Spec spec) {
        AbstractQuorumSystem unchecked = spec.unchecked().get();
        boolean shouldRefuse = unchecked instanceof Flexible f && sizesFit(f);
        if (shouldRefuse) {
            DisjointQuorumsException refused = assertThrows(DisjointQuorumsException.class, spec.checked()::get);
            assertNamesDisjointMinimalQuorums(spec, refused);
        } else {
            assertNotNull(spec.buildOrNull(), () -> spec + " was refused");
        }
    }

    // Flexible q1 + q2 <= n, read back from the description rather than from the class under test.
    private static boolean sizesFit(Flexible f) {
        Matcher m = Pattern.compile("phase-1 any (\\d+), phase-2 any (\\d+)").matcher(f.toString());
        assertTrue(m.find(), f::toString);
        return Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) <= f.size();
    }

    @Property(tries = 300)
    void argumentAgreesWithExhaustiveSearch(@ForAll("smallConfigurations") Specs.Spec spec) {
        AbstractQuorumSystem system = spec.unchecked().get();
        Intersection.Witness searched = Intersection.search(system);
        Intersection.Witness argued = system.disjointByArgument();
        assertEquals(searched == null, argued == null,
            () -> spec + ": search says " + (searched == null ? "intersecting" : "disjoint")
                + ", argument says " + (argued == null ? "intersecting" : "disjoint"));
        for (Intersection.Witness w : new Intersection.Witness[] {searched, argued}) {
            if (w != null) {
                assertTrue(system.isPhase1(w.phase1()), () -> spec + ": witness is no phase-1 quorum");
                assertTrue(system.isPhase2(w.phase2()), () -> spec + ": witness is no phase-2 quorum");
                for (int p = 0; p < system.size(); p++) {
                    assertFalse(w.phase1()[p] && w.phase2()[p], spec + ": witnesses share member " + system.member(p));
                }
            }
        }
    }

    private static void assertNamesDisjointMinimalQuorums(Specs.Spec spec, DisjointQuorumsException refused) {
        Matcher m = WITNESSES.matcher(refused.getMessage());
        if (!m.matches()) {
            fail("unexpected message: " + refused.getMessage());
        }
        int[] phase1 = parse(m.group(1));
        int[] phase2 = parse(m.group(2));
        assertArrayEquals(refused.phase1Quorum(), phase1, "message and accessor name the same phase-1 quorum");
        assertArrayEquals(refused.phase2Quorum(), phase2, "message and accessor name the same phase-2 quorum");

        QuorumSystem system = spec.unchecked().get();
        assertEquals(system.toString(), m.group(3), "the message names the configuration");
        assertTrue(system.isPhase1Quorum(phase1), () -> Arrays.toString(phase1) + " is no phase-1 quorum of " + spec);
        assertTrue(system.isPhase2Quorum(phase2), () -> Arrays.toString(phase2) + " is no phase-2 quorum of " + spec);
        assertFalse(Subsets.meet(phase1, phase2), "the named quorums share a member");
        for (int id : phase1) {
            assertTrue(system.isMember(id), () -> id + " is not a member of " + spec);
        }
        for (int i = 0; i < phase1.length; i++) {
            assertFalse(system.isPhase1Quorum(Subsets.without(phase1, i)), "the phase-1 quorum named is minimal");
        }
        for (int i = 0; i < phase2.length; i++) {
            assertFalse(system.isPhase2Quorum(Subsets.without(phase2, i)), "the phase-2 quorum named is minimal");
        }
    }

    private static int[] parse(String list) {
        return list.isEmpty() ? new int[0] : Arrays.stream(list.split(", ")).mapToInt(Integer::parseInt).toArray();
    }
}
