package io.synod.examples.coordination.wire;

/**
 * Decodes the body of a successful reply, knowing the op it answers (a reply does not name its op: the
 * client matches it to its request by order). For clients of this protocol: load drivers and tests.
 */
public final class ResponseDecoder {

    private ResponseDecoder() {
    }

    public static Response decode(OpCode op, JuteReader in) {
        Response response = switch (op) {
            case CREATE -> CreateResponse.read(in);
            case CREATE2, CREATE_CONTAINER, CREATE_TTL -> Create2Response.read(in);
            case EXISTS, SET_DATA, SET_ACL -> StatResponse.read(in);
            case GET_DATA -> GetDataResponse.read(in);
            case GET_ACL -> GetAclResponse.read(in);
            case GET_CHILDREN, GET_EPHEMERALS -> PathsResponse.read(in);
            case GET_CHILDREN2 -> GetChildren2Response.read(in);
            case SYNC -> PathResponse.read(in);
            case GET_ALL_CHILDREN_NUMBER, ADD_WATCH -> IntResponse.read(in);
            case WHO_AM_I -> WhoAmIResponse.read(in);
            case SASL -> SaslResponse.read(in);
            case MULTI, MULTI_READ -> MultiResponse.read(in);
            case DELETE, CHECK, PING, CLOSE_SESSION, AUTH, SET_WATCHES, SET_WATCHES2, CHECK_WATCHES, REMOVE_WATCHES ->
                Response.EMPTY;
            case NOTIFICATION -> WatcherEvent.read(in);
            case RECONFIG, DELETE_CONTAINER, CREATE_SESSION, ERROR ->
                throw new IllegalArgumentException("no reply body is defined for " + op);
        };
        in.requireEnd(op + " response");
        return response;
    }
}
