package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.tree.Stat;

import java.util.List;

/** The reply to getACL (6): the node's ACL and its Stat. */
public record GetAclResponse(List<Acl> acl, Stat stat) implements Response {

    @Override
    public void write(JuteWriter out) {
        DataRecords.writeAcls(out, acl);
        DataRecords.writeStat(out, stat);
    }

    public static GetAclResponse read(JuteReader in) {
        return new GetAclResponse(DataRecords.readAcls(in, "GetACLResponse.acl"), DataRecords.readStat(in));
    }
}
