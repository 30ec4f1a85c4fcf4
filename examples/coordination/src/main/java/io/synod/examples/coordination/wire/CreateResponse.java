package io.synod.examples.coordination.wire;

/** The reply to create (1): the path created, with its sequence suffix if any. */
public record CreateResponse(String path) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeString(path);
    }

    public static CreateResponse read(JuteReader in) {
        return new CreateResponse(in.readString("CreateResponse.path"));
    }
}
