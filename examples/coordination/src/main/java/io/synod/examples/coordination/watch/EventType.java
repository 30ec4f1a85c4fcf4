package io.synod.examples.coordination.watch;

/** What changed at a path, with ZooKeeper's {@code Watcher.Event.EventType} values on the wire. */
public enum EventType {
    NODE_CREATED(1),
    NODE_DELETED(2),
    NODE_DATA_CHANGED(3),
    NODE_CHILDREN_CHANGED(4);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
