package io.synod.quorum;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A tracker counts incrementally what {@code isPhaseNQuorum(int[])} judges from scratch; the two
 * must agree after every vote, whatever the order, the repeats and the strangers.
 */
class VoteTrackerProperties {

    /** An accepted system and a sequence of votes: members, repeats and non-members. */
    record Round(QuorumSystem system, List<Integer> votes) {
    }

    @Provide
    Arbitrary<Round> rounds() {
        return Specs.any(9).map(Specs.Spec::buildOrNull).filter(s -> s != null).flatMap(system -> {
            List<Integer> members = new ArrayList<>();
            for (int id : system.members()) {
                members.add(id);
            }
            Arbitrary<Integer> vote = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(members)),
                Tuple.of(1, Arbitraries.integers().between(Specs.LOWEST_ID - 10, Specs.HIGHEST_ID + 10)),
                Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE)));
            return vote.list().ofMaxSize(40).map(votes -> new Round(system, votes));
        });
    }

    @Property(tries = 500)
    void agreesWithTheSystemAfterEveryVote(@ForAll("rounds") Round round) {
        VoteTracker tracker = round.system().newTracker();
        replay(round.system(), tracker, round.votes());
    }

    @Property(tries = 300)
    void resetForgetsTheRound(@ForAll("rounds") Round round) {
        QuorumSystem system = round.system();
        VoteTracker tracker = system.newTracker();
        for (int v : round.votes()) {
            tracker.record(v);
        }
        tracker.reset();
        assertEquals(0, tracker.count());
        assertFalse(tracker.isPhase1Quorum(), "no quorum after reset");
        assertFalse(tracker.isPhase2Quorum(), "no quorum after reset");
        for (int id : system.members()) {
            assertFalse(tracker.hasVoted(id), () -> id + " still counted as voted after reset");
        }
        List<Integer> reversed = new ArrayList<>(round.votes());
        Collections.reverse(reversed);
        replay(system, tracker, reversed);
    }

    private static void replay(QuorumSystem system, VoteTracker tracker, List<Integer> votes) {
        Set<Integer> distinctMembers = new LinkedHashSet<>();
        List<Integer> prefix = new ArrayList<>();
        for (int v : votes) {
            boolean fresh = system.isMember(v) && !distinctMembers.contains(v);
            assertEquals(fresh, tracker.record(v), () -> "record(" + v + ") after " + prefix);
            prefix.add(v);
            if (system.isMember(v)) {
                distinctMembers.add(v);
            }
            int[] sofar = prefix.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(system.isPhase1Quorum(sofar), tracker.isPhase1Quorum(), () -> "phase 1 after " + prefix + " in " + system);
            assertEquals(system.isPhase2Quorum(sofar), tracker.isPhase2Quorum(), () -> "phase 2 after " + prefix + " in " + system);
            assertEquals(distinctMembers.size(), tracker.count(), () -> "count after " + prefix);
            assertEquals(system.isMember(v), tracker.hasVoted(v), () -> "hasVoted(" + v + ") after " + prefix);
        }
        for (int id : system.members()) {
            assertEquals(distinctMembers.contains(id), tracker.hasVoted(id), () -> "hasVoted(" + id + ") after " + prefix);
        }
    }
}
