package io.synod.spi;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The identity claimed of each storage that cannot record one itself (memory stores, three
 * separate stores): kept as long as the storage object lives, so restarting another node over
 * the same log object is refused too.
 */
final class ClaimsInMemory {

    private static final Map<Object, NodeIdentity> CLAIMS = Collections.synchronizedMap(new WeakHashMap<>());

    private ClaimsInMemory() {
    }

    /** Claims the storage whose log is {@code log}: the log is the store a restart reuses. */
    static void claim(LogStore log, NodeIdentity identity) {
        synchronized (CLAIMS) {
            identity.requireSameAs(CLAIMS.get(log), "the storage of " + log);
            CLAIMS.put(log, identity);
        }
    }
}
