package io.synod.examples.coordination.wire;

/** One request frame after the handshake: its header and its decoded body. */
public record ClientRequest(RequestHeader header, Request request) {

    public int xid() {
        return header.xid();
    }

    /** The frame a client sends for this request, length prefix included. */
    public byte[] toFrame() {
        JuteWriter out = JuteWriter.framed();
        header.write(out);
        request.write(out);
        return out.toFrame();
    }
}
