package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * create (1), create2 (15) and createContainer (19) all send this record; {@link #op()} tells them apart,
 * and so which reply the client reads (CreateResponse for create, Create2Response for the others).
 * {@code flags} is the raw {@link io.synod.examples.coordination.tree.CreateMode} flag: an unknown value is
 * a BadArguments result of the tree, not a malformed frame.
 */
public record CreateRequest(OpCode op, String path, byte[] data, List<Acl> acl, int flags) implements Request {

    private static final EnumSet<OpCode> OPS = EnumSet.of(OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER);

    public CreateRequest {
        if (!OPS.contains(op)) {
            throw new IllegalArgumentException(op + " does not send a CreateRequest");
        }
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeBuffer(data);
        DataRecords.writeAcls(out, acl);
        out.writeInt(flags);
    }

    public static CreateRequest read(OpCode op, JuteReader in) {
        return new CreateRequest(op, in.readString("CreateRequest.path"), in.readBuffer("CreateRequest.data"),
            DataRecords.readAcls(in, "CreateRequest.acl"), in.readInt("CreateRequest.flags"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateRequest c && op == c.op && Objects.equals(path, c.path) && Arrays.equals(data, c.data)
            && Objects.equals(acl, c.acl) && flags == c.flags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, path, acl, flags) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return op + "[path=" + path + ", data=" + Bytes.show(data) + ", acl=" + acl + ", flags=" + flags + "]";
    }
}
