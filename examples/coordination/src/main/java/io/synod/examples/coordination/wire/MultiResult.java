package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.ErrorCode;

import java.util.Objects;

/**
 * One op's result in a multi response: its type and body — create (1) a {@link CreateResponse}; create2,
 * createContainer and createTTL all type 15 with a {@link Create2Response}; setData (5) a
 * {@link StatResponse}; delete (2) and check (13) nothing; getData (4) a {@link GetDataResponse};
 * getChildren (8) a {@link PathsResponse}; a failure type -1 with its code in the header and in an
 * {@link IntResponse} body.
 */
public record MultiResult(OpCode type, int err, Response body) {

    public MultiResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    /** The successful result of an op of a multi. */
    public static MultiResult ok(OpCode requestOp, Response body) {
        return new MultiResult(resultType(requestOp), 0, body);
    }

    /**
     * A failed result: the failing op carries its code, the ops before it OK and the ops after it
     * RuntimeInconsistency, all as error results.
     */
    public static MultiResult error(ErrorCode code) {
        return new MultiResult(OpCode.ERROR, code.code(), new IntResponse(code.code()));
    }

    /** The type a successful result of {@code requestOp} is reported under. */
    public static OpCode resultType(OpCode requestOp) {
        return switch (requestOp) {
            case CREATE2, CREATE_CONTAINER, CREATE_TTL -> OpCode.CREATE2;
            default -> requestOp;
        };
    }

    void write(JuteWriter out) {
        new MultiHeader(type.code(), false, err).write(out);
        body.write(out);
    }

    static MultiResult read(JuteReader in, int at, MultiHeader header) {
        OpCode type = OpCode.fromCode(header.type());
        if (type == null) {
            throw new MalformedFrameException("MultiHeader.type", at, "unknown result type " + header.type());
        }
        Response body = switch (type) {
            case CREATE -> CreateResponse.read(in);
            case CREATE2 -> Create2Response.read(in);
            case DELETE, CHECK -> Response.EMPTY;
            case SET_DATA -> StatResponse.read(in);
            case GET_DATA -> GetDataResponse.read(in);
            case GET_CHILDREN -> PathsResponse.read(in);
            case ERROR -> IntResponse.read(in);
            default -> throw new MalformedFrameException("MultiHeader.type", at, type + " is no multi result");
        };
        return new MultiResult(type, header.err(), body);
    }
}
