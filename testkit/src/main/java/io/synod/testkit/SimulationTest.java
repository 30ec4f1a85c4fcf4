package io.synod.testkit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JUnit 5 test run once per seed; the method takes the seed as a {@code long} parameter.
 * Seeds are the regression ledger's, then {@code seeds} fresh ones (or {@code synod.seeds} when
 * {@code seeds} is left at -1); {@code -Dsynod.seed=N} runs only seed N. A failing seed's
 * assertion message ends with the command that replays it.
 *
 * <pre>{@code
 * @SimulationTest(seeds = 500)
 * void survivesPartitions(long seed) {
 *     SeedRunner.check(SimulationConfig.builder(protocol).replicas(3)
 *         .faults(FaultProfile.PARTITIONS).seed(seed).build(), null);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(SeedExtension.class)
public @interface SimulationTest {

    /** Fresh seeds to run; -1 takes {@code synod.seeds} (default 200). */
    int seeds() default -1;
}
