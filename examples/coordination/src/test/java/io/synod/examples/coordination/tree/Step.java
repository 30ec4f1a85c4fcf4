package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Id;
import java.util.List;

/** One write of a generated history: who issues it (session and authenticated ids) and what. */
public record Step(long session, List<Id> auth, Op op) {

    public Command command() {
        return new Command(auth, op);
    }
}
