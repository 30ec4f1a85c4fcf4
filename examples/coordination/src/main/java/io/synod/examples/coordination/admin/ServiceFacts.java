package io.synod.examples.coordination.admin;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A server's tree, sessions and watches as one look on the replica thread saw them: what ZooKeeper's
 * {@code mntr}, {@code wchs}, {@code wchc}, {@code wchp} and {@code dump} report.
 *
 * @param lastZxid            the last zxid this server applied
 * @param znodeCount          znodes, the root and {@code /zookeeper} ones included (as ZooKeeper counts)
 * @param ephemeralsCount     ephemeral znodes
 * @param approximateDataSize the length of every path and its data, summed
 * @param sessionCount        sessions open in the replicated state (the whole ensemble's)
 * @param watchCount          watches held by this server's connections, one per index, path and watcher
 * @param watchesBySession    watched paths by session id (ZooKeeper's {@code wchc})
 * @param watchesByPath       watching session ids by path (ZooKeeper's {@code wchp})
 * @param ephemeralsBySession ephemeral paths by owning session
 * @param sessionTimeouts     each open session's timeout in ms
 */
public record ServiceFacts(long lastZxid, int znodeCount, int ephemeralsCount, long approximateDataSize, int sessionCount,
                           int watchCount, SortedMap<Long, SortedSet<String>> watchesBySession,
                           SortedMap<String, SortedSet<Long>> watchesByPath, SortedMap<Long, List<String>> ephemeralsBySession,
                           SortedMap<Long, Integer> sessionTimeouts) {
}
