package io.synod.examples.coordination.wire;

import java.util.EnumSet;

/**
 * The reads that may leave a one-shot watch: exists (3) and getData (4) on the node's data, getChildren
 * (8) and getChildren2 (12) on its children. ZooKeeper's ExistsRequest, GetDataRequest,
 * GetChildrenRequest and GetChildren2Request are all (path, watch).
 */
public record WatchableRequest(OpCode op, String path, boolean watch) implements Request {

    private static final EnumSet<OpCode> OPS =
        EnumSet.of(OpCode.EXISTS, OpCode.GET_DATA, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2);

    public WatchableRequest {
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException(op + " does not send a (path, watch) request");
        }
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeBool(watch);
    }

    public static WatchableRequest read(OpCode op, JuteReader in) {
        return new WatchableRequest(op, in.readString(op + ".path"), in.readBool(op + ".watch"));
    }
}
