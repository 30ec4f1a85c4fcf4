package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.Stat;

import java.util.Arrays;
import java.util.Objects;

/** The reply to getData (4): the data (null if the node was created with none) and the Stat. */
public record GetDataResponse(byte[] data, Stat stat) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeBuffer(data);
        DataRecords.writeStat(out, stat);
    }

    public static GetDataResponse read(JuteReader in) {
        return new GetDataResponse(in.readBuffer("GetDataResponse.data"), DataRecords.readStat(in));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetDataResponse g && Arrays.equals(data, g.data) && Objects.equals(stat, g.stat);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(stat) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "GetDataResponse[data=" + Bytes.show(data) + ", stat=" + stat + "]";
    }
}
