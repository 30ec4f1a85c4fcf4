package io.synod.testkit.commit;

import io.synod.api.commit.TransactionalResource;

/**
 * A resource the commit simulator can crash: what it keeps durably (committed state, the outcomes
 * it applied) survives {@link #crash()}, what it keeps in memory (locks, prepared parts) does
 * not, as a real process losing its heap would.
 */
public interface CrashableResource extends TransactionalResource {

    /** Loses what lives only in memory. */
    void crash();
}
