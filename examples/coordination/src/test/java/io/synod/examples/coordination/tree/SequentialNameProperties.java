package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A sequential node's name is what ZooKeeper's {@code String.format("%010d", cversion)} makes of its
 * parent's counter, for every counter: small ones, ones near a power of ten, and the negative ones a
 * counter reaches when it overflows, down to the one whose digits do not fit in ten places.
 */
class SequentialNameProperties {

    @Provide
    Arbitrary<Integer> counters() {
        return Arbitraries.oneOf(
            Arbitraries.integers(),
            Arbitraries.integers().between(-1_000, 1_000),
            Arbitraries.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -999_999_999, -1_000_000_000,
                999_999_999, 1_000_000_000, -100_000_000, 99_999_999));
    }

    @Property(tries = 2_000)
    void theNameIsWhatZooKeepersFormatWrites(@ForAll("counters") int counter,
                                             @ForAll("prefixes") String prefix) {
        assertEquals(prefix + String.format(Locale.ROOT, "%010d", counter), ZnodePath.sequential(prefix, counter));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("/", "/lock-", "/bench/seq/s-3/n-", "/q/");
    }
}
