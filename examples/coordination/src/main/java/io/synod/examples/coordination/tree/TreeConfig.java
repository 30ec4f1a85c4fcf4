package io.synod.examples.coordination.tree;

/**
 * Limits of the tree, the same on every replica (they decide results of logged commands).
 *
 * @param maxDataBytes the largest data a znode may hold; ZooKeeper's default, 1 MiB, mirrors its
 *        {@code jute.maxbuffer}
 */
public record TreeConfig(int maxDataBytes) {

    public static final int DEFAULT_MAX_DATA_BYTES = 1024 * 1024;
    public static final TreeConfig DEFAULT = new TreeConfig(DEFAULT_MAX_DATA_BYTES);

    public TreeConfig {
        if (maxDataBytes < 0) {
            throw new IllegalArgumentException("maxDataBytes must be >= 0, was " + maxDataBytes);
        }
    }
}
