package io.synod.examples.coordination.wire;

import java.util.Arrays;
import java.util.Objects;

/** setData (5): replaces a node's data if its data version matches ({@code -1} matches any). */
public record SetDataRequest(String path, byte[] data, int version) implements Request {

    @Override
    public OpCode op() {
        return OpCode.SET_DATA;
    }

    @Override
    public void write(JuteWriter out) {
        out.writeString(path).writeBuffer(data).writeInt(version);
    }

    public static SetDataRequest read(JuteReader in) {
        return new SetDataRequest(in.readString("SetDataRequest.path"), in.readBuffer("SetDataRequest.data"),
            in.readInt("SetDataRequest.version"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetDataRequest s && Objects.equals(path, s.path) && Arrays.equals(data, s.data)
            && version == s.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, version) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SetData[path=" + path + ", data=" + Bytes.show(data) + ", version=" + version + "]";
    }
}
