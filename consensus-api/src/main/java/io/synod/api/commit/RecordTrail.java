package io.synod.api.commit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of a node's records are still needed, so a commit core can {@link CommitEffects#release}
 * the prefix of its record log that speaks only of finished transactions.
 *
 * <p>A transaction finished in one batch is let go only at the next input: the driver feeds a
 * core nothing until a batch is carried out, so by then the outcome the last record promised has
 * reached the resource, and dropping the record cannot lose it (a record dropped in the batch that
 * applies it could be gone when a crash strikes between persisting and applying).
 *
 * <pre>{@code
 * long index = fx.record(prepared);  trail.note(index, txn);
 * ...
 * trail.finish(txn);                 // its outcome is applied in this batch
 * ...
 * trail.releaseInto(fx);             // at the start of any later input
 * }</pre>
 *
 * <p>Not thread-safe: it lives inside a single-threaded core.
 */
public final class RecordTrail {

    private final TreeMap<Long, TransactionId> live = new TreeMap<>();
    private final Set<TransactionId> finishing = new HashSet<>();
    private long released;

    /** The record at {@code index} speaks of {@code transaction}. */
    public void note(long index, TransactionId transaction) {
        live.put(index, transaction);
    }

    /** Every record of {@code transaction} may go once the current batch is carried out. */
    public void finish(TransactionId transaction) {
        finishing.add(transaction);
    }

    /** Releases the records of transactions finished in earlier batches, up to the first record still needed. */
    public void releaseInto(CommitEffects effects) {
        if (!finishing.isEmpty()) {
            List<Long> gone = new ArrayList<>();
            for (Map.Entry<Long, TransactionId> e : live.entrySet()) {
                if (finishing.contains(e.getValue())) {
                    gone.add(e.getKey());
                }
            }
            gone.forEach(live::remove);
            finishing.clear();
        }
        long through = live.isEmpty() ? effects.lastRecord() : live.firstKey() - 1;
        if (through > released) {
            effects.release(through);
            released = through;
        }
    }
}
