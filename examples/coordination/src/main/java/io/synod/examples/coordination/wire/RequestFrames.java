package io.synod.examples.coordination.wire;

/**
 * The frames a client sends, length prefix included: the handshake and requests (header, then body).
 * The server's side of the same frames is {@link RequestDecoder}; {@link ReplyFrames} is the other
 * direction.
 */
public final class RequestFrames {

    private RequestFrames() {
    }

    public static byte[] connect(ConnectRequest request) {
        JuteWriter out = JuteWriter.framed();
        request.write(out);
        return out.toFrame();
    }

    /** A request numbered {@code xid}; its header's type is the request's op. */
    public static byte[] request(int xid, Request request) {
        JuteWriter out = JuteWriter.framed();
        new RequestHeader(xid, request.op().code()).write(out);
        request.write(out);
        return out.toFrame();
    }
}
