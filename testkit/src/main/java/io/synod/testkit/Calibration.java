package io.synod.testkit;

import java.util.List;

/**
 * Calibration: "zero violations" for a protocol means something only if the same runs catch a
 * deliberately broken variant of it, by the check meant to catch it, while the correct protocol
 * passes the very seed that caught the variant. {@link #caught} runs the variant seed by seed
 * (the module's regression ledger first), stops at the first failing seed, and asserts both.
 *
 * <pre>{@code
 * Calibration.Catch c = Calibration.caught(brokenConfig, correctConfig, 1000,
 *     "paxos", "ballots rest on durable promises", Repro.of(MyCalibrationTest.class, "promiseBeforePersist"));
 * }</pre>
 */
public final class Calibration {

    /**
     * The seed that caught a variant.
     *
     * @param seed   the first failing seed
     * @param tried  how many seeds ran, that one included
     * @param check  the check that caught it ({@link SimulationResult#caughtBy()})
     * @param report the full failure report, with the replay command
     */
    public record Catch(long seed, int tried, String check, String report) {
    }

    private Calibration() {
    }

    /**
     * Runs {@code broken} until a seed fails, at most {@code budget} fresh seeds after the
     * ledger's ({@code -Dsynod.seed=N} runs only N).
     *
     * @param control  the correct protocol's configuration; it must pass the catching seed
     * @param check    the check that must catch the variant: a {@link Checks} name or an invariant's name
     * @param detail   if not null, the start of what that check reports (an invariant's property),
     *                 after {@code check + ": "}
     * @throws AssertionError if no seed fails, another check catches it first, or the control fails
     */
    public static <I, O> Catch caught(SimulationConfig<I, O> broken, SimulationConfig<I, O> control, int budget, String check,
                                      String detail, Repro repro) {
        List<Long> seeds = SeedRunner.seeds(budget, repro);
        int tried = 0;
        for (long seed : seeds) {
            tried++;
            SimulationResult<I, O> result = Simulation.run(broken.withSeed(seed));
            if (result.failure().isEmpty()) {
                continue;
            }
            String report = SeedRunner.report(result, result.failure().get(), repro, null);
            String by = result.caughtBy().orElseThrow();
            if (!by.equals(check)) {
                throw new AssertionError(broken.protocol().name() + " was caught at seed " + seed + " by '" + by
                    + "', not by '" + check + "' as calibrated:\n" + report);
            }
            if (detail != null) {
                String first = result.violations().get(0);
                String reported = first.substring(first.indexOf(check + ": ") + check.length() + 2);
                if (!reported.startsWith(detail)) {
                    throw new AssertionError(broken.protocol().name() + " was caught at seed " + seed + " by '" + check
                        + "' but not for '" + detail + "':\n" + report);
                }
            }
            SimulationResult<I, O> correct = Simulation.run(control.withSeed(seed));
            if (correct.failure().isPresent()) {
                throw new AssertionError("control: the correct " + control.protocol().name() + " fails seed " + seed
                    + " too, so the seed proves nothing about the variant:\n"
                    + SeedRunner.report(correct, correct.failure().get(), repro, null));
            }
            return new Catch(seed, tried, by, report);
        }
        throw new AssertionError(broken.protocol().name() + " survived " + tried + " seeds of " + broken.faults()
            + ": the checks would not notice this bug");
    }
}
