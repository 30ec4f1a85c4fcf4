package io.synod.examples.coordination.wire;

import java.util.Arrays;

/**
 * A client's first frame, with no {@link RequestHeader}: asks for a new session ({@code sessionId} 0) or
 * to resume one with its password, with the timeout it wants and the last zxid it has seen (a server that
 * has applied less must not serve it).
 *
 * <p>Clients since 3.4 end with {@code readOnly} ("I accept a read-only server"); older ones stop after
 * the password. {@code oldClient} records which, because the reply must match: an old client gets a
 * {@link ConnectResponse} without its readOnly byte.
 */
public record ConnectRequest(int protocolVersion, long lastZxidSeen, int timeOut, long sessionId, byte[] passwd,
                             boolean readOnly, boolean oldClient) implements JuteRecord {

    @Override
    public void write(JuteWriter out) {
        out.writeInt(protocolVersion).writeLong(lastZxidSeen).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
        if (!oldClient) {
            out.writeBool(readOnly);
        }
    }

    /** Reads a whole handshake frame; a missing readOnly byte marks an old client, anything after it is refused. */
    public static ConnectRequest read(JuteReader in) {
        int protocolVersion = in.readInt("ConnectRequest.protocolVersion");
        long lastZxidSeen = in.readLong("ConnectRequest.lastZxidSeen");
        int timeOut = in.readInt("ConnectRequest.timeOut");
        long sessionId = in.readLong("ConnectRequest.sessionId");
        byte[] passwd = in.readBuffer("ConnectRequest.passwd");
        boolean oldClient = in.remaining() == 0;
        boolean readOnly = !oldClient && in.readBool("ConnectRequest.readOnly");
        in.requireEnd("ConnectRequest");
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly, oldClient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectRequest c && protocolVersion == c.protocolVersion && lastZxidSeen == c.lastZxidSeen
            && timeOut == c.timeOut && sessionId == c.sessionId && Arrays.equals(passwd, c.passwd)
            && readOnly == c.readOnly && oldClient == c.oldClient;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + Arrays.hashCode(passwd);
    }

    @Override
    public String toString() {
        return "ConnectRequest[protocolVersion=" + protocolVersion + ", lastZxidSeen=0x" + Long.toHexString(lastZxidSeen)
            + ", timeOut=" + timeOut + ", sessionId=0x" + Long.toHexString(sessionId) + ", passwd="
            + (passwd == null ? "null" : passwd.length + " bytes") + ", readOnly=" + readOnly + ", oldClient=" + oldClient + "]";
    }
}
