package io.synod.examples.coordination.wire;

import java.util.Arrays;

/**
 * sasl (102): a SASL token (ZooKeeper's GetSASLRequest). Without SASL configured the server answers a
 * {@link SaslResponse} with a null token.
 */
public record SaslRequest(byte[] token) implements Request {

    @Override
    public OpCode op() {
        return OpCode.SASL;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeBuffer(token);
    }

    public static SaslRequest read(JuteReader in) {
        return new SaslRequest(in.readBuffer("GetSASLRequest.token"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslRequest s && Arrays.equals(token, s.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "Sasl[token=" + (token == null ? "null" : token.length + " bytes") + "]";
    }
}
