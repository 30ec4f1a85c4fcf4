package io.synod.examples.coordination.wire;

import java.util.HexFormat;

/** How records with byte arrays print themselves: short arrays in hex, long ones by size. */
final class Bytes {

    private Bytes() {
    }

    static String show(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        return bytes.length <= 16 ? "0x" + HexFormat.of().formatHex(bytes) : bytes.length + " bytes";
    }
}
