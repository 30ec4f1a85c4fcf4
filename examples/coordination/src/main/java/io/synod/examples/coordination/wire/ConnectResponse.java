package io.synod.examples.coordination.wire;

import java.util.Arrays;

/**
 * The server's first frame, with no {@link ReplyHeader}: the negotiated timeout, the session id and its
 * 16-byte password. A timeout of 0 (with id 0 and a zero password) tells the client its session is
 * expired or its password wrong. The readOnly byte is left out for an old client (see
 * {@link ConnectRequest#oldClient()}); the C client reads a fixed 37-byte body, so the password is always
 * 16 bytes.
 */
public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly,
                              boolean oldClient) implements JuteRecord {

    /** The length of every password this server hands out. */
    public static final int PASSWORD_BYTES = 16;

    /** The answer to a resume of an unknown or expired session, or with a wrong password. */
    public static ConnectResponse expired(boolean oldClient) {
        return new ConnectResponse(0, 0, 0, new byte[PASSWORD_BYTES], false, oldClient);
    }

    @Override
    public void write(JuteWriter out) {
        out.writeInt(protocolVersion).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
        if (!oldClient) {
            out.writeBool(readOnly);
        }
    }

    public static ConnectResponse read(JuteReader in) {
        int protocolVersion = in.readInt("ConnectResponse.protocolVersion");
        int timeOut = in.readInt("ConnectResponse.timeOut");
        long sessionId = in.readLong("ConnectResponse.sessionId");
        byte[] passwd = in.readBuffer("ConnectResponse.passwd");
        boolean oldClient = in.remaining() == 0;
        boolean readOnly = !oldClient && in.readBool("ConnectResponse.readOnly");
        in.requireEnd("ConnectResponse");
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly, oldClient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectResponse c && protocolVersion == c.protocolVersion && timeOut == c.timeOut
            && sessionId == c.sessionId && Arrays.equals(passwd, c.passwd) && readOnly == c.readOnly
            && oldClient == c.oldClient;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + Arrays.hashCode(passwd);
    }

    @Override
    public String toString() {
        return "ConnectResponse[timeOut=" + timeOut + ", sessionId=0x" + Long.toHexString(sessionId) + ", passwd="
            + (passwd == null ? "null" : passwd.length + " bytes") + ", readOnly=" + readOnly + ", oldClient=" + oldClient + "]";
    }
}
