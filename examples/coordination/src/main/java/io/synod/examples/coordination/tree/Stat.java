package io.synod.examples.coordination.tree;

/**
 * A znode's metadata, field for field ZooKeeper's {@code Stat} (in its Jute order).
 *
 * <p>Zxids here are log positions of the replicated tree: the transaction that created the node
 * ({@code czxid}), last changed its data ({@code mzxid}) and last changed its children
 * ({@code pzxid}). Times are the proposing leader's clock, carried in the log, so that every replica
 * stores the same value.
 */
public record Stat(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int dataLength,
        int numChildren,
        long pzxid) {

    /** What ZooKeeper returns where no node is: all fields zero. */
    public static final Stat NONE = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
