package io.synod.examples.coordination.wire;

/**
 * A watch notification's body, after {@code ReplyHeader(xid = -1, zxid of the change, 0)}. Types: 1
 * NodeCreated, 2 NodeDeleted, 3 NodeDataChanged, 4 NodeChildrenChanged; the server always sends state 3
 * (SyncConnected) and the full path.
 */
public record WatcherEvent(int type, int state, String path) implements Response {

    public static final int NODE_CREATED = 1;
    public static final int NODE_DELETED = 2;
    public static final int NODE_DATA_CHANGED = 3;
    public static final int NODE_CHILDREN_CHANGED = 4;
    public static final int SYNC_CONNECTED = 3;

    /** An event as the server sends it. */
    public static WatcherEvent of(int type, String path) {
        return new WatcherEvent(type, SYNC_CONNECTED, path);
    }

    @Override
    public void write(JuteWriter out) {
        out.writeInt(type).writeInt(state).writeString(path);
    }

    public static WatcherEvent read(JuteReader in) {
        return new WatcherEvent(in.readInt("WatcherEvent.type"), in.readInt("WatcherEvent.state"),
            in.readString("WatcherEvent.path"));
    }
}
