package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.FourLetterWords;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;

/** The service on the client port with the four-letter words answered in front of it. */
final class WithFourLetterWords implements RequestHandler {

    private final RequestHandler service;
    private final FourLetterWords words;

    WithFourLetterWords(RequestHandler service, FourLetterWords words) {
        this.service = service;
        this.words = words;
    }

    @Override
    public boolean command(ClientConnection connection, int code) {
        return words.answer(code, connection.remoteAddress(), connection::answerCommand);
    }

    @Override
    public void connect(ClientConnection connection, ConnectRequest request) {
        service.connect(connection, request);
    }

    @Override
    public void request(ClientConnection connection, ClientRequest request, PendingReply reply) {
        service.request(connection, request, reply);
    }

    @Override
    public long ping(ClientConnection connection) {
        return service.ping(connection);
    }

    @Override
    public void disconnected(ClientConnection connection, String reason) {
        service.disconnected(connection, reason);
    }
}
