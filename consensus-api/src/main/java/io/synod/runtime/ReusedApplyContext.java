package io.synod.runtime;

import io.synod.api.ApplyContext;

/**
 * The one {@link ApplyContext} a {@link ReplicatedState} reuses: set before each call to the state
 * machine or a listener, so applying an entry makes no context object per command.
 */
final class ReusedApplyContext implements ApplyContext {
    private long index;
    private int position;
    private long term;
    private long timestamp;
    private long sessionId;
    private long sequence;
    private boolean replay;

    void begin(long entryIndex, long entryTerm, long time, boolean replayed) {
        index = entryIndex;
        term = entryTerm;
        timestamp = time;
        replay = replayed;
    }

    void at(int atPosition, long session, long number) {
        position = atPosition;
        sessionId = session;
        sequence = number;
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public long term() {
        return term;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public boolean replay() {
        return replay;
    }

    @Override
    public String toString() {
        return "ApplyContext[" + index + "." + position + " term " + term + " at " + timestamp + " ms, session "
            + sessionId + "#" + sequence + (replay ? ", replay" : "") + "]";
    }
}
