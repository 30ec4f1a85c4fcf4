package io.synod.examples.coordination.acl;

import java.util.Objects;

/**
 * An identity under a scheme, as ZooKeeper's {@code Id}: {@code world:anyone}, {@code auth:},
 * {@code digest:user:base64(sha1(user:password))}, {@code ip:10.0.0.0/8}.
 */
public record Id(String scheme, String id) {

    public static final Id ANYONE = new Id("world", "anyone");

    public Id {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(id, "id");
    }
}
