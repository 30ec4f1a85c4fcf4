package io.synod.examples.coordination.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * auth (100, xid -4): adds an identity to the connection, e.g. scheme {@code digest} with
 * {@code user:password}. {@code type} is always 0 and ignored.
 */
public record AuthPacket(int type, String scheme, byte[] auth) implements Request {

    @Override
    public OpCode op() {
        return OpCode.AUTH;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeInt(type).writeString(scheme).writeBuffer(auth);
    }

    public static AuthPacket read(JuteReader in) {
        return new AuthPacket(in.readInt("AuthPacket.type"), in.readString("AuthPacket.scheme"),
            in.readBuffer("AuthPacket.auth"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthPacket a && type == a.type && Objects.equals(scheme, a.scheme) && Arrays.equals(auth, a.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, scheme) * 31 + Arrays.hashCode(auth);
    }

    /** The secret is not printed. */
    @Override
    public String toString() {
        return "AuthPacket[type=" + type + ", scheme=" + scheme + ", auth=" + (auth == null ? "null" : auth.length + " bytes") + "]";
    }
}
