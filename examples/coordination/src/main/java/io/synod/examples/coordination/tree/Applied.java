package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.watch.ChangeEvent;
import java.util.List;

/**
 * What applying one command did: its result (the same on every replica; {@link #encodedResult()}
 * is what the state machine returns to the submitter) and the changes it made, in order, for the
 * watches of the server that applied it. A failed command changes nothing and has no events.
 */
public record Applied(OpResult result, List<ChangeEvent> events) {

    public Applied {
        events = List.copyOf(events);
    }

    public byte[] encodedResult() {
        return ResultCodec.encode(result);
    }
}
