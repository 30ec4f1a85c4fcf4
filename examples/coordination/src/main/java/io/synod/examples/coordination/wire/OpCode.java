package io.synod.examples.coordination.wire;

import java.util.Arrays;

/**
 * ZooKeeper 3.9's operation codes (the {@code type} of a {@link RequestHeader}, and of each
 * {@link MultiHeader}), with whether the operation changes the tree, i.e. goes through the log.
 */
public enum OpCode {
    /** Not a request: clients that send it are answered UNIMPLEMENTED. */
    NOTIFICATION(0, false),
    CREATE(1, true),
    DELETE(2, true),
    EXISTS(3, false),
    GET_DATA(4, false),
    SET_DATA(5, true),
    GET_ACL(6, false),
    SET_ACL(7, true),
    GET_CHILDREN(8, false),
    /** A barrier: answered once this server has applied every write committed before it arrived. */
    SYNC(9, false),
    PING(11, false),
    GET_CHILDREN2(12, false),
    /** A version check, valid only inside a multi. */
    CHECK(13, true),
    MULTI(14, true),
    CREATE2(15, true),
    RECONFIG(16, true),
    CHECK_WATCHES(17, false),
    REMOVE_WATCHES(18, false),
    CREATE_CONTAINER(19, true),
    /** Issued by the server itself when it reaps a container or TTL node, never by a client. */
    DELETE_CONTAINER(20, true),
    CREATE_TTL(21, true),
    MULTI_READ(22, false),
    AUTH(100, false),
    SET_WATCHES(101, false),
    SASL(102, false),
    GET_EPHEMERALS(103, false),
    GET_ALL_CHILDREN_NUMBER(104, false),
    SET_WATCHES2(105, false),
    ADD_WATCH(106, false),
    WHO_AM_I(107, false),
    /** Internal: sessions are created by a ConnectRequest. */
    CREATE_SESSION(-10, true),
    CLOSE_SESSION(-11, true),
    /** The type of an error result inside a multi response (and of ZooKeeper's error transactions). */
    ERROR(-1, false);

    /** The lowest wire value; {@link #BY_CODE} is indexed from it. */
    private static final int LOWEST = Arrays.stream(values()).mapToInt(OpCode::code).min().orElseThrow();
    /** By wire value: values() would copy the constants for every request. */
    private static final OpCode[] BY_CODE = new OpCode[Arrays.stream(values()).mapToInt(OpCode::code).max().orElseThrow() - LOWEST + 1];

    static {
        for (OpCode op : values()) {
            BY_CODE[op.code - LOWEST] = op;
        }
    }

    private final int code;
    private final boolean write;

    OpCode(int code, boolean write) {
        this.code = code;
        this.write = write;
    }

    public int code() {
        return code;
    }

    /** Whether the operation changes the tree (and so is ordered by the log rather than served locally). */
    public boolean isWrite() {
        return write;
    }

    /** The op for a wire value, or {@code null} if ZooKeeper 3.9 defines none. */
    public static OpCode fromCode(int code) {
        int at = code - LOWEST;
        return at >= 0 && at < BY_CODE.length ? BY_CODE[at] : null;
    }
}
