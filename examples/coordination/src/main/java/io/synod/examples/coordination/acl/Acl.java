package io.synod.examples.coordination.acl;

import java.util.List;
import java.util.Objects;

/** One access control entry: the permissions ({@link Perms} bits) an identity holds on a znode. */
public record Acl(int perms, Id id) {

    /** {@code world:anyone} may do everything: ZooKeeper's OPEN_ACL_UNSAFE. */
    public static final List<Acl> OPEN = List.of(new Acl(Perms.ALL, Id.ANYONE));

    public Acl {
        Objects.requireNonNull(id, "id");
    }
}
