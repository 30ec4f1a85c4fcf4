package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;

import java.util.List;

/** setACL (7): replaces a node's ACL if its ACL version ({@code aversion}) matches. */
public record SetAclRequest(String path, List<Acl> acl, int version) implements Request {

    @Override
    public OpCode op() {
        return OpCode.SET_ACL;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path);
        DataRecords.writeAcls(out, acl);
        out.writeInt(version);
    }

    public static SetAclRequest read(JuteReader in) {
        return new SetAclRequest(in.readString("SetACLRequest.path"), DataRecords.readAcls(in, "SetACLRequest.acl"),
            in.readInt("SetACLRequest.version"));
    }
}
