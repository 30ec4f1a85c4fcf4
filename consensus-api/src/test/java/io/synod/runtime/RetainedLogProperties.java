package io.synod.runtime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compaction below a snapshot keeps as much log as both bounds allow and never more: checked
 * against the plain sums of the entries' sizes, for runs that start anywhere (a restart or an
 * install leaves entries whose sizes were never recorded) and after earlier compactions.
 */
class RetainedLogProperties {

    @Property
    void keepsTheMostLogBothBoundsAllow(@ForAll @IntRange(min = 1, max = 50) int firstRecorded,
                                        @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 5_000) Integer> sizes,
                                        @ForAll @IntRange(min = 0, max = 200) int snapshotBack,
                                        @ForAll @LongRange(min = 0, max = 150) long maxEntries,
                                        @ForAll @LongRange(min = 0, max = 100_000) long maxBytes,
                                        @ForAll @IntRange(min = 0, max = 60) int compactedBefore) {
        RetainedLog retained = new RetainedLog();
        for (int i = 0; i < sizes.size(); i++) {
            retained.applied(firstRecorded + i, sizes.get(i));
        }
        long last = firstRecorded + sizes.size() - 1;
        long compactedThrough = Math.min(last - 1, firstRecorded - 1 + compactedBefore);
        retained.compacted(compactedThrough);
        long firstKnown = Math.max(firstRecorded, compactedThrough + 1);
        long snapshot = Math.max(firstKnown, last - snapshotBack);

        long through = retained.compactThrough(snapshot, maxEntries, maxBytes);

        assertTrue(snapshot - through <= maxEntries, "kept " + (snapshot - through) + " > " + maxEntries + " entries");
        if (through + 1 >= firstKnown) {
            assertTrue(bytes(sizes, firstRecorded, through + 1, snapshot) <= maxBytes, "kept more than " + maxBytes + " bytes");
            // Keeping one more entry would break a bound, unless it lies below what is known.
            if (through >= firstKnown) {
                boolean countFull = snapshot - through + 1 > maxEntries;
                boolean bytesFull = bytes(sizes, firstRecorded, through, snapshot) > maxBytes;
                assertTrue(countFull || bytesFull, "could have kept entry " + through);
            } else {
                assertEquals(snapshot - maxEntries, through, "everything known fits: the count decides");
            }
        } else {
            assertEquals(snapshot - maxEntries, through, "unknown sizes kept: the count alone decides");
        }
    }

    @Property
    void aGapRestartsTheRecord(@ForAll("sizes") List<Integer> before, @ForAll("sizes") List<Integer> after) {
        RetainedLog retained = new RetainedLog();
        for (int i = 0; i < before.size(); i++) {
            retained.applied(1 + i, before.get(i));
        }
        long restart = before.size() + 10;
        for (int i = 0; i < after.size(); i++) {
            retained.applied(restart + i, after.get(i));
        }
        long snapshot = restart + after.size() - 1;
        long all = bytes(after, restart, restart, snapshot);
        // With room for every entry by count, the bytes of the new run alone decide; the old run is forgotten.
        long through = retained.compactThrough(snapshot, Long.MAX_VALUE / 2, all);
        assertEquals(snapshot - Long.MAX_VALUE / 2, through, "the whole new run fits: what lies below is unknown");
        if (all > 0) {
            assertTrue(retained.compactThrough(snapshot, Long.MAX_VALUE / 2, all - 1) >= restart, "a byte less drops an entry");
        }
    }

    @Provide
    Arbitrary<List<Integer>> sizes() {
        return Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(40);
    }

    private static long bytes(List<Integer> sizes, long firstRecorded, long from, long through) {
        long sum = 0;
        for (long i = from; i <= through; i++) {
            sum += sizes.get((int) (i - firstRecorded));
        }
        return sum;
    }
}
