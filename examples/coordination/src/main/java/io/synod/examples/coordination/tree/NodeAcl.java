package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import java.util.List;

/** getACL's answer: the ACL (digests redacted for a reader without ADMIN) and the stat. */
public record NodeAcl(List<Acl> acl, Stat stat) {
    public NodeAcl {
        acl = List.copyOf(acl);
    }
}
