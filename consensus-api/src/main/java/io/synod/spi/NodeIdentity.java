package io.synod.spi;

import java.nio.charset.StandardCharsets;

/**
 * Whose data a storage holds: one node of one cluster. A replica claims its storage with its
 * identity before it recovers ({@link Storage#claim}); a data directory copied from another node,
 * or from another cluster, is then refused before a single entry is read or written, instead of
 * serving another node's promises as its own.
 *
 * @param clusterId names the cluster: 1 to {@value #MAX_CLUSTER_ID_BYTES} bytes of UTF-8, no
 *                  control characters; {@link #DEFAULT_CLUSTER} when the user does not choose one
 * @param nodeId    the node's id in that cluster, {@code >= 0}
 */
public record NodeIdentity(String clusterId, int nodeId) {

    /**
     * The cluster id of a replica whose builder names none. Clusters that all keep the default
     * cannot tell each other's directories apart (the node id still can): give each cluster its
     * own id when several share a machine or a backup.
     */
    public static final String DEFAULT_CLUSTER = "default";

    /** Cluster ids are short names, not documents. */
    public static final int MAX_CLUSTER_ID_BYTES = 255;

    public NodeIdentity {
        if (clusterId == null || clusterId.isEmpty()) {
            throw new IllegalArgumentException("cluster id must not be empty");
        }
        if (clusterId.getBytes(StandardCharsets.UTF_8).length > MAX_CLUSTER_ID_BYTES) {
            throw new IllegalArgumentException("cluster id must fit " + MAX_CLUSTER_ID_BYTES + " bytes of UTF-8, was " + clusterId.length() + " characters");
        }
        if (clusterId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("cluster id must not contain control characters: " + clusterId.replaceAll("\\p{Cntrl}", "?"));
        }
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id must be >= 0, was " + nodeId);
        }
    }

    /**
     * Compares a claim with what a storage recorded earlier.
     *
     * @param where    names the storage in the message (a directory, an object)
     * @param recorded the identity the storage holds, or {@code null} if it was never claimed
     * @throws IdentityMismatchException if {@code recorded} is another node or another cluster
     */
    public void requireSameAs(NodeIdentity recorded, String where) {
        if (recorded != null && !recorded.equals(this)) {
            throw new IdentityMismatchException(where, recorded, this);
        }
    }

    @Override
    public String toString() {
        return "node " + nodeId + " of cluster \"" + clusterId + "\"";
    }
}
