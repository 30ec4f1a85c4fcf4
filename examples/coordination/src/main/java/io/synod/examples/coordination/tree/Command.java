package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Id;
import java.util.List;
import java.util.Objects;

/**
 * What goes into the log for one write: the {@link Op} and the ids the issuing connection had
 * authenticated when it sent it (ip, digest, super). ACL checks at apply time use these ids, so
 * they are the same on every replica, and authentication needs no replicated state.
 */
public record Command(List<Id> auth, Op op) {

    public Command {
        auth = List.copyOf(auth);
        Objects.requireNonNull(op, "op");
    }

    /** A command with no authenticated ids (world:anyone only): system commands and tests. */
    public static Command of(Op op) {
        return new Command(List.of(), op);
    }
}
