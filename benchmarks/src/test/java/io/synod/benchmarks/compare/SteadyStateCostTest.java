package io.synod.benchmarks.compare;

import io.synod.twophase.TwoPhaseCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each protocol, driven in lockstep with one operation at a time, costs exactly what the
 * literature predicts in its steady state: message delays to the answer and until quiet,
 * messages (plus what the implementation documents it adds), and forced writes. Every measured
 * operation must cost the same, so a cost that creeps (a message more per entry, a retry) fails too.
 */
class SteadyStateCostTest {

    static Stream<Arguments> protocols() {
        return Stream.concat(Protocols.LOG.stream(), Protocols.COMMIT.stream())
            .flatMap(p -> Stream.of(Arguments.of(p, 3), Arguments.of(p, 5)));
    }

    @ParameterizedTest(name = "{0}, n = {1}")
    @MethodSource("protocols")
    void costsWhatTheLiteraturePredicts(String protocol, int n) {
        List<OperationCost> costs = Protocols.count(protocol, n, 10);
        assertEquals(List.of(), CostCheck.mismatches(Prediction.of(protocol, n), costs), protocol + " n=" + n + ": " + costs.get(0));
    }

    /**
     * Calibration: a 2PC coordinator that announces commit without recording it saves one forced
     * write per transaction and nothing else, and the check names exactly that figure; the real
     * protocol passes on the same seed.
     */
    @Test
    void anUnrecordedCommitShowsAsOneForcedWriteFewer() {
        Prediction predicted = Prediction.of("2pc", 3);
        List<OperationCost> flawed = new LockstepCommit(TwoPhaseCommit.defaults().withFlaw(TwoPhaseCommit.Flaw.UNRECORDED_COMMIT), 3, 1)
            .measure(8, 10);
        List<OperationCost> real = new LockstepCommit(TwoPhaseCommit.defaults(), 3, 1).measure(8, 10);
        assertEquals(List.of(CostCheck.FSYNCS), CostCheck.mismatches(predicted, flawed), "flawed: " + flawed.get(0));
        assertEquals(predicted.fsyncs() - 1, flawed.get(0).fsyncs(), "flawed: " + flawed.get(0));
        assertEquals(List.of(), CostCheck.mismatches(predicted, real), "real: " + real.get(0));
    }
}
