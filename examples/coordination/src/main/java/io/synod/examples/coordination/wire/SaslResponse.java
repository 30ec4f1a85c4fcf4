package io.synod.examples.coordination.wire;

import java.util.Arrays;

/** The reply to sasl (102): the server's token, null when SASL is not configured (SetSASLResponse). */
public record SaslResponse(byte[] token) implements Response {

    public static final SaslResponse NONE = new SaslResponse(null);

    @Override
    public void write(JuteWriter out) {
        out.writeBuffer(token);
    }

    public static SaslResponse read(JuteReader in) {
        return new SaslResponse(in.readBuffer("SetSASLResponse.token"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslResponse s && Arrays.equals(token, s.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "SaslResponse[token=" + (token == null ? "null" : token.length + " bytes") + "]";
    }
}
