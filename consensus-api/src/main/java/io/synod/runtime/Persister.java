package io.synod.runtime;

import io.synod.api.Ready;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;

import java.util.List;

/**
 * Makes the persist step of a group of Readys durable: their hard states and log changes, in
 * order, with as few syncs as that order allows. Groups are handed over one at a time, the next
 * only once the previous is {@linkplain #done done}; the {@link ReadyPipeline} sees to that.
 *
 * <p>Not thread-safe: one thread (the replica's) hands groups over and asks about them.
 */
interface Persister extends AutoCloseable {

    /** Starts persisting {@code group}; returns the number {@link #done} and {@link #await} take. */
    long submit(List<Ready> group);

    /**
     * True once group {@code ticket} is durable.
     *
     * @throws RuntimeException the failure of a persist, which ends the replica (fail-stop)
     */
    boolean done(long ticket);

    /** Waits until group {@code ticket} is durable, or throws as {@link #done} does. */
    void await(long ticket);

    @Override
    void close();

    /**
     * The persist step of each Ready of {@code group}, in order (the Ready contract's step 2). Log
     * changes of consecutive Readys share one sync, except where the order matters after a crash:
     * pending changes are synced before a hard state is stored and before a truncation, so a crash
     * leaves what persisting the Readys one by one could have left.
     */
    static void persist(List<Ready> group, LogStore log, HardStateStore hardState) {
        boolean unsynced = false;
        for (Ready ready : group) {
            if (!ready.mustPersist()) {
                continue;
            }
            if (ready.hardState() != null && !ready.hardStateAfterLog()) {
                if (unsynced) {
                    log.sync();
                    unsynced = false;
                }
                hardState.save(ready.hardState());
            }
            // One Ready's truncation and appends commit together at the sync (LogStore's atomic rewrite).
            if (ready.truncateFrom() > 0) {
                if (unsynced) {
                    log.sync();
                }
                log.truncateSuffix(ready.truncateFrom());
                unsynced = true;
            }
            if (!ready.entries().isEmpty()) {
                log.append(ready.entries());
                unsynced = true;
            }
            if (ready.hardState() != null && ready.hardStateAfterLog()) {
                // A hard state that vouches for the log (ZAB's currentEpoch) is stored once the log is durable.
                log.sync();
                unsynced = false;
                hardState.save(ready.hardState());
            }
        }
        if (unsynced) {
            log.sync();
        }
    }
}
