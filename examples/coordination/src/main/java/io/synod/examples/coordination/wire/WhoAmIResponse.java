package io.synod.examples.coordination.wire;

import java.util.List;

/** The reply to whoAmI (107): one entry per identity the connection holds. */
public record WhoAmIResponse(List<ClientInfo> clientInfo) implements Response {

    @Override
    public void write(JuteWriter out) {
        out.writeVector(clientInfo, (w, info) -> info.write(w));
    }

    public static WhoAmIResponse read(JuteReader in) {
        return new WhoAmIResponse(in.readVector("WhoAmIResponse.clientInfo", ClientInfo.MIN_BYTES, ClientInfo::read));
    }
}
