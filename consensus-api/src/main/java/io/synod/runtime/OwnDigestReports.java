package io.synod.runtime;

import org.agrona.collections.Long2LongHashMap;

import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * This replica's own {@link DigestReport}s that the log has not ordered yet, proposed again every
 * {@link ReplicaConfig#retryTicks()} ticks until it does.
 *
 * <p>A report is a command like any other, so it can be lost on the way: forwarded to a leader
 * that steps down, or refused while no leader is known. A lost report would leave this replica's
 * verdict about that index waiting forever ({@link DivergenceCheck} judges an index once its own
 * report is in the log). Proposed twice, it is harmless: the second copy repeats the first.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class OwnDigestReports {

    private static final long NONE = -1;

    private final long retryTicks;
    /** Checkpoint index to the tick it was last proposed at. */
    private final Long2LongHashMap unordered = new Long2LongHashMap(NONE);

    OwnDigestReports(long retryTicks) {
        this.retryTicks = Math.max(1, retryTicks);
    }

    void proposed(long index, long tick) {
        unordered.put(index, tick);
    }

    void ordered(long index) {
        unordered.remove(index);
    }

    /**
     * Proposes again every report unordered for {@code retryTicks}; a report about an index this
     * replica keeps no digest for any more ({@code kept} says) is given up.
     */
    void retry(long tick, LongPredicate kept, LongConsumer propose) {
        for (Long2LongHashMap.EntryIterator it = unordered.entrySet().iterator(); it.hasNext(); ) {
            it.next();
            long index = it.getLongKey();
            if (!kept.test(index)) {
                it.remove();
            } else if (tick - it.getLongValue() >= retryTicks) {
                it.setValue(tick);
                propose.accept(index);
            }
        }
    }
}
