package io.synod.examples.coordination.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The table behind {@link OpCode#fromCode} answers as a search of the constants does, for every wire value. */
class OpCodeTest {

    private static OpCode search(int code) {
        for (OpCode op : OpCode.values()) {
            if (op.code() == code) {
                return op;
            }
        }
        return null;
    }

    @Test
    void everyWireValueMapsAsASearchOfTheConstantsWould() {
        for (int code = -1_000; code <= 1_000; code++) {
            assertEquals(search(code), OpCode.fromCode(code), "code " + code);
        }
        for (int code : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -12, 108, 118, 119}) {
            assertEquals(search(code), OpCode.fromCode(code), "code " + code);
        }
        for (OpCode op : OpCode.values()) {
            assertEquals(op, OpCode.fromCode(op.code()));
        }
    }
}
