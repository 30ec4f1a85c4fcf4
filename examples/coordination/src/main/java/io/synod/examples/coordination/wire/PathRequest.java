package io.synod.examples.coordination.wire;

import java.util.EnumSet;

/**
 * The requests whose body is one path: getACL (6), sync (9), getAllChildrenNumber (104) and getEphemerals
 * (103, whose string is a prefix: null, "" and "/" mean all the session's ephemerals). ZooKeeper gives
 * each its own record (GetACLRequest, SyncRequest, ...); on the wire they are identical.
 */
public record PathRequest(OpCode op, String path) implements Request {

    private static final EnumSet<OpCode> OPS =
        EnumSet.of(OpCode.GET_ACL, OpCode.SYNC, OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.GET_EPHEMERALS);

    public PathRequest {
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException(op + " does not send a path alone");
        }
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path);
    }

    public static PathRequest read(OpCode op, JuteReader in) {
        return new PathRequest(op, in.readString(op + ".path"));
    }
}
