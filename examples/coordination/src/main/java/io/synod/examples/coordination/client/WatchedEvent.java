package io.synod.examples.coordination.client;

import io.synod.examples.coordination.wire.WatcherEvent;

/**
 * A watch notification as a client sees it: what happened to which path, at which zxid.
 * {@link #toString()} is what ZooKeeper's own {@code WatchedEvent} prints, so a tool shows the same line.
 */
public record WatchedEvent(int type, int state, String path, long zxid) {

    static WatchedEvent of(WatcherEvent event, long zxid) {
        return new WatchedEvent(event.type(), event.state(), event.path(), zxid);
    }

    /** ZooKeeper's name of the event type (Watcher.Event.EventType). */
    public String typeName() {
        return switch (type) {
            case -1 -> "None";
            case WatcherEvent.NODE_CREATED -> "NodeCreated";
            case WatcherEvent.NODE_DELETED -> "NodeDeleted";
            case WatcherEvent.NODE_DATA_CHANGED -> "NodeDataChanged";
            case WatcherEvent.NODE_CHILDREN_CHANGED -> "NodeChildrenChanged";
            case 5 -> "DataWatchRemoved";
            case 6 -> "ChildWatchRemoved";
            case 7 -> "PersistentWatchRemoved";
            default -> "Unknown(" + type + ")";
        };
    }

    /** ZooKeeper's name of the connection state (Watcher.Event.KeeperState). */
    public String stateName() {
        return switch (state) {
            case 0 -> "Disconnected";
            case WatcherEvent.SYNC_CONNECTED -> "SyncConnected";
            case 4 -> "AuthFailed";
            case 5 -> "ConnectedReadOnly";
            case 6 -> "SaslAuthenticated";
            case -112 -> "Expired";
            case 7 -> "Closed";
            default -> "Unknown(" + state + ")";
        };
    }

    @Override
    public String toString() {
        return "WatchedEvent state:" + stateName() + " type:" + typeName() + " path:" + path + " zxid: " + zxid;
    }
}
