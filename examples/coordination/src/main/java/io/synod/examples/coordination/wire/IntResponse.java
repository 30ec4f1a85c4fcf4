package io.synod.examples.coordination.wire;

/**
 * One int: the reply to getAllChildrenNumber (104), the number of descendants (GetAllChildrenNumberResponse),
 * and to addWatch (106), always 0 (ErrorResponse); also the body of an error result in a multi response.
 */
public record IntResponse(int value) implements Response {

    public static final IntResponse OK = new IntResponse(0);

    @Override
    public void write(JuteWriter out) {
        out.writeInt(value);
    }

    public static IntResponse read(JuteReader in) {
        return new IntResponse(in.readInt("IntResponse.value"));
    }
}
