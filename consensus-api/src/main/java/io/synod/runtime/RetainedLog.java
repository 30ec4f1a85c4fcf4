package io.synod.runtime;

import java.util.Arrays;

/**
 * The sizes of the applied entries a replica may still keep below its snapshot, so that compaction
 * can bound the retained log by bytes as well as by count without reading the log back: a file
 * store would have to read every retained entry at each snapshot to learn what this records for
 * free as entries are applied.
 *
 * <p>It holds a running total of entry sizes for a contiguous run of applied indexes, from the
 * oldest one the log may still hold. Where it knows nothing (entries applied before a restart,
 * before a snapshot install) it answers by count alone, which keeps more, never less, than asked.
 * Used on the replica thread only.
 */
final class RetainedLog {

    /** Running totals: {@code totals[i]} is the bytes of entries {@code first..first+i}. */
    private long[] totals = new long[1024];
    private int size;
    private long first = 1;

    /** Records the entry at {@code index} of {@code bytes}; a gap restarts the record there. */
    void applied(long index, int bytes) {
        if (index != first + size) {
            first = index;
            size = 0;
        }
        if (size == totals.length) {
            totals = Arrays.copyOf(totals, size * 2);
        }
        totals[size] = (size == 0 ? 0 : totals[size - 1]) + bytes;
        size++;
    }

    /**
     * The index through which a log may be compacted below a snapshot at {@code snapshotIndex}, keeping
     * at most {@code maxEntries} entries and, where sizes are known, at most {@code maxBytes} bytes below it.
     */
    long compactThrough(long snapshotIndex, long maxEntries, long maxBytes) {
        long byCount = snapshotIndex - maxEntries;
        long last = Math.min(snapshotIndex, first + size - 1);
        if (size == 0 || last != snapshotIndex) {
            return byCount;
        }
        // The smallest kept index k must satisfy bytes(k..snapshotIndex) <= maxBytes; search it.
        long total = totals[(int) (last - first)];
        int lo = (int) Math.min(Math.max(0, byCount + 1 - first), last - first + 1);
        int hi = (int) (last - first) + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long below = mid == 0 ? 0 : totals[mid - 1];
            if (total - below <= maxBytes) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long keptFrom = first + lo;
        // If everything recorded fits, what lies below the record is bounded by count alone.
        return keptFrom == first ? byCount : Math.max(byCount, keptFrom - 1);
    }

    /** Forgets the record through {@code index}: the log no longer holds those entries. */
    void compacted(long index) {
        if (index < first) {
            return;
        }
        if (index >= first + size - 1) {
            first = index + 1;
            size = 0;
            return;
        }
        int drop = (int) Math.min(size, index - first + 1);
        long base = totals[drop - 1];
        System.arraycopy(totals, drop, totals, 0, size - drop);
        size -= drop;
        for (int i = 0; i < size; i++) {
            totals[i] -= base;
        }
        first = index + 1;
    }
}
