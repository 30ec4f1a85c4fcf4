package io.synod.examples.coordination.tree;

/**
 * Limits of the tree, the same on every replica (they decide results of logged commands).
 *
 * @param maxDataBytes the largest data a znode may hold: ZooKeeper's {@code jute.maxbuffer}, whose default
 *        is 0xfffff bytes (ZooKeeper bounds the whole request frame by it, so its data stays below it)
 */
public record TreeConfig(int maxDataBytes) {

    public static final int DEFAULT_MAX_DATA_BYTES = 0xfffff;
    public static final TreeConfig DEFAULT = new TreeConfig(DEFAULT_MAX_DATA_BYTES);

    public TreeConfig {
        if (maxDataBytes < 0) {
            throw new IllegalArgumentException("maxDataBytes must be >= 0, was " + maxDataBytes);
        }
    }
}
