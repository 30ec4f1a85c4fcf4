package io.synod.examples.coordination.wire;

/**
 * A value with a Jute encoding: its fields in declaration order, with no tags, names or lengths of its
 * own. Each record also has a static {@code read(JuteReader)} that is its exact inverse.
 */
public interface JuteRecord {

    void write(JuteWriter out);

    /** The record alone, as bytes. */
    default byte[] toBytes() {
        JuteWriter out = JuteWriter.bare();
        write(out);
        return out.toBytes();
    }
}
