package io.synod.examples.coordination.wire;

/**
 * addWatch (106): a watch that stays after it fires, on the node ({@link #PERSISTENT}) or on the node
 * and all below it ({@link #PERSISTENT_RECURSIVE}). The node need not exist. Another mode is answered
 * MarshallingError, as ZooKeeper does.
 */
public record AddWatchRequest(String path, int mode) implements Request {

    public static final int PERSISTENT = 0;
    public static final int PERSISTENT_RECURSIVE = 1;

    @Override
    public OpCode op() {
        return OpCode.ADD_WATCH;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeInt(mode);
    }

    public static AddWatchRequest read(JuteReader in) {
        return new AddWatchRequest(in.readString("AddWatchRequest.path"), in.readInt("AddWatchRequest.mode"));
    }
}
