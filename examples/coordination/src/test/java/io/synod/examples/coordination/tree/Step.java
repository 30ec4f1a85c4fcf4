package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Id;
import java.util.List;

/** One write of a generated history: who issues it (session and authenticated ids) and what. */
record Step(long session, List<Id> auth, Op op) {

    Command command() {
        return new Command(auth, op);
    }
}
