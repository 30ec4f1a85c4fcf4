package io.synod.examples.coordination.watch;

/**
 * Which watches a removeWatches or checkWatches request means, with ZooKeeper's
 * {@code Watcher.WatcherType} values on the wire.
 */
public enum WatcherType {
    /** One-shot child watches (getChildren). */
    CHILDREN(1),
    /** One-shot data and exists watches. */
    DATA(2),
    /** Every watch of the connection on the path, of any kind. */
    ANY(3),
    PERSISTENT(4),
    PERSISTENT_RECURSIVE(5);

    private final int code;

    WatcherType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire value, or {@code null} (the server answers BadArguments). */
    public static WatcherType fromCode(int code) {
        for (WatcherType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
