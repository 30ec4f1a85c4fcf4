package io.synod.examples.coordination.watch;

/** The modes of ZooKeeper's addWatch request, with its wire values. */
public enum AddWatchMode {
    /** Fires on every data change, deletion and child change of the path; stays until removed. */
    PERSISTENT(0),
    /** Fires on every create, delete and data change at or below the path (never NodeChildrenChanged). */
    PERSISTENT_RECURSIVE(1);

    private final int code;

    AddWatchMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AddWatchMode fromCode(int code) {
        for (AddWatchMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        return null;
    }
}
