package io.synod.examples.coordination.wire;

import java.util.EnumSet;

/** The requests with no body: ping (11), closeSession (-11) and whoAmI (107). */
public record EmptyRequest(OpCode op) implements Request {

    private static final EnumSet<OpCode> OPS = EnumSet.of(OpCode.PING, OpCode.CLOSE_SESSION, OpCode.WHO_AM_I);

    public static final EmptyRequest PING = new EmptyRequest(OpCode.PING);
    public static final EmptyRequest CLOSE_SESSION = new EmptyRequest(OpCode.CLOSE_SESSION);
    public static final EmptyRequest WHO_AM_I = new EmptyRequest(OpCode.WHO_AM_I);

    public EmptyRequest {
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException(op + " has a body");
        }
    }

    @Override
    public void write(JuteWriter out) {
    }
}
