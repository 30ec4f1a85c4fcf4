package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** createTTL (21): a create whose node is removed after {@code ttl} ms without children or change. */
public record CreateTtlRequest(String path, byte[] data, List<Acl> acl, int flags, long ttl) implements Request {

    @Override
    public OpCode op() {
        return OpCode.CREATE_TTL;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeBuffer(data);
        DataRecords.writeAcls(out, acl);
        out.writeInt(flags).writeLong(ttl);
    }

    public static CreateTtlRequest read(JuteReader in) {
        return new CreateTtlRequest(in.readString("CreateTTLRequest.path"), in.readBuffer("CreateTTLRequest.data"),
            DataRecords.readAcls(in, "CreateTTLRequest.acl"), in.readInt("CreateTTLRequest.flags"),
            in.readLong("CreateTTLRequest.ttl"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateTtlRequest c && Objects.equals(path, c.path) && Arrays.equals(data, c.data)
            && Objects.equals(acl, c.acl) && flags == c.flags && ttl == c.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, acl, flags, ttl) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CreateTTL[path=" + path + ", data=" + Bytes.show(data) + ", acl=" + acl + ", flags=" + flags
            + ", ttl=" + ttl + "]";
    }
}
