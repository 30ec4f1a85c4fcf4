package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.server.ClientConnection;
import io.synod.examples.coordination.server.PendingReply;
import io.synod.examples.coordination.server.RequestHandler;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Answers ZooKeeper's four-letter words on the client port, in front of the service that answers everything
 * else. A connection whose first four bytes are a word this server knows gets the word's text and is closed,
 * as ZooKeeper does (ZooKeeper looks for them only before the handshake, and so does the port); a word left
 * out of the whitelist gets ZooKeeper's refusal, also as text. The text of words that read the tree is
 * computed on the replica thread, so the port's I/O thread never waits.
 */
public final class FourLetterWords implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FourLetterWords.class);

    private final RequestHandler service;
    private final AdminConfig config;
    private final Supplier<FourLetterWordText> text;

    /**
     * @param service what answers the ZooKeeper protocol
     * @param text    the words' texts, asked for once the port is open (the view needs the port)
     */
    public FourLetterWords(RequestHandler service, AdminConfig config, Supplier<FourLetterWordText> text) {
        this.service = service;
        this.config = config;
        this.text = text;
    }

    @Override
    public boolean command(ClientConnection connection, int code) {
        FourLetterWord word = FourLetterWord.ofCode(code);
        if (word == null) {
            return false;
        }
        if (!config.allows(word)) {
            LOG.debug("Command {} is not executed because it is not in the whitelist.", word.word());
            connection.answerCommand(FourLetterWordText.notWhitelisted(word));
            return true;
        }
        LOG.debug("four-letter word {} from {}", word.word(), connection.remoteAddress());
        text.get().answer(word).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("four-letter word {} failed: {}", word.word(), failure.toString());
                connection.answerCommand(FourLetterWordText.NOT_SERVING);
            } else {
                connection.answerCommand(answer);
            }
        });
        return true;
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
