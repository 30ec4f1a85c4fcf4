package io.synod.examples.coordination.wire;

/**
 * Decodes the frames a client sends: the handshake ({@link #decodeConnect}) and every later request
 * ({@link #decode}). The input is one frame's payload, without its length prefix; the whole of it must
 * be one record. Anything else is a {@link MalformedFrameException} naming the field and offset; the
 * decoder throws nothing else, whatever the bytes (a property the fuzz tests hold it to).
 */
public final class RequestDecoder {

    private RequestDecoder() {
    }

    public static ConnectRequest decodeConnect(byte[] frame, int offset, int length) {
        return ConnectRequest.read(new JuteReader(frame, offset, length));
    }

    public static ClientRequest decode(byte[] frame, int offset, int length) {
        JuteReader in = new JuteReader(frame, offset, length);
        RequestHeader header = RequestHeader.read(in);
        OpCode op = OpCode.fromCode(header.type());
        if (op == null || !servable(op)) {
            return new ClientRequest(header, new UnsupportedRequest(header.type()));
        }
        Request request = body(op, in);
        in.requireEnd(op + " request");
        return new ClientRequest(header, request);
    }

    public static ClientRequest decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /** The body of an op, as sent at top level or inside a multi. */
    static Request body(OpCode op, JuteReader in) {
        return switch (op) {
            case CREATE, CREATE2, CREATE_CONTAINER -> CreateRequest.read(op, in);
            case CREATE_TTL -> CreateTtlRequest.read(in);
            case DELETE -> DeleteRequest.read(in);
            case CHECK -> CheckVersionRequest.read(in);
            case EXISTS, GET_DATA, GET_CHILDREN, GET_CHILDREN2 -> WatchableRequest.read(op, in);
            case SET_DATA -> SetDataRequest.read(in);
            case GET_ACL, SYNC, GET_ALL_CHILDREN_NUMBER, GET_EPHEMERALS -> PathRequest.read(op, in);
            case SET_ACL -> SetAclRequest.read(in);
            case PING, CLOSE_SESSION, WHO_AM_I -> new EmptyRequest(op);
            case AUTH -> AuthPacket.read(in);
            case SASL -> SaslRequest.read(in);
            case SET_WATCHES, SET_WATCHES2 -> SetWatchesRequest.read(op, in);
            case ADD_WATCH -> AddWatchRequest.read(in);
            case CHECK_WATCHES, REMOVE_WATCHES -> WatchRemovalRequest.read(op, in);
            case MULTI, MULTI_READ -> MultiRequest.read(op, in);
            case NOTIFICATION, RECONFIG, DELETE_CONTAINER, CREATE_SESSION, ERROR ->
                throw new IllegalArgumentException(op + " has no client request body");
        };
    }

    /** Whether a client may send the op at top level to this server. */
    static boolean servable(OpCode op) {
        return switch (op) {
            case NOTIFICATION, CHECK, RECONFIG, DELETE_CONTAINER, CREATE_SESSION, ERROR -> false;
            default -> true;
        };
    }
}
