package io.synod.examples.coordination.wire;

/** One identity of a connection, as whoAmI reports it: the scheme and the user (e.g. {@code ip}, {@code 127.0.0.1}). */
public record ClientInfo(String authScheme, String user) implements JuteRecord {

    /** The smallest encoding: two empty strings. */
    public static final int MIN_BYTES = 8;

    @Override
    public void write(JuteWriter out) {
        out.writeString(authScheme).writeString(user);
    }

    public static ClientInfo read(JuteReader in) {
        return new ClientInfo(in.readString("ClientInfo.authScheme"), in.readString("ClientInfo.user"));
    }
}
