package io.synod.examples.coordination.wire;

/**
 * checkWatches (17) and removeWatches (18): whether this connection holds, or to drop, its watches of a
 * type on a path. Types: 1 children, 2 data, 3 any, 4 persistent, 5 persistent recursive. NoWatcher if
 * none matched; the removal events the client sees are made by the client itself.
 */
public record WatchRemovalRequest(OpCode op, String path, int type) implements Request {

    public static final int CHILDREN = 1;
    public static final int DATA = 2;
    public static final int ANY = 3;
    public static final int PERSISTENT = 4;
    public static final int PERSISTENT_RECURSIVE = 5;

    public WatchRemovalRequest {
        if (op != OpCode.CHECK_WATCHES && op != OpCode.REMOVE_WATCHES) {
            throw new IllegalArgumentException(op + " is neither checkWatches nor removeWatches");
        }
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeInt(type);
    }

    public static WatchRemovalRequest read(OpCode op, JuteReader in) {
        String name = op == OpCode.CHECK_WATCHES ? "CheckWatchesRequest" : "RemoveWatchesRequest";
        return new WatchRemovalRequest(op, in.readString(name + ".path"), in.readInt(name + ".type"));
    }
}
