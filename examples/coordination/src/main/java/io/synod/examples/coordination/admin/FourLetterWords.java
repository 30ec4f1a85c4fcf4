package io.synod.examples.coordination.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers ZooKeeper's four-letter words arriving on the client port. A connection whose first four bytes are a
 * word this server knows gets the word's text and is closed, as ZooKeeper does (ZooKeeper looks for them only
 * before the handshake, and so does the port); a word left out of the whitelist gets ZooKeeper's refusal, also
 * as text. The text of words that read the tree is computed on the replica thread, so the port's I/O thread
 * never waits.
 */
public final class FourLetterWords {

    private static final Logger LOG = LoggerFactory.getLogger(FourLetterWords.class);

    private final AdminConfig config;
    private final Supplier<FourLetterWordText> text;

    /** @param text the words' texts, asked for once the port is open (the view needs the port) */
    public FourLetterWords(AdminConfig config, Supplier<FourLetterWordText> text) {
        this.config = config;
        this.text = text;
    }

    /**
     * Takes a new connection's first four bytes (big-endian) as a word, if they are one.
     *
     * @param from   who asks, for the log
     * @param answer sends the text and closes the connection; called once, from any thread
     * @return false when the bytes are no word this server knows (they are then a frame's length)
     */
    public boolean answer(int code, InetSocketAddress from, Consumer<String> answer) {
        FourLetterWord word = FourLetterWord.ofCode(code);
        if (word == null) {
            return false;
        }
        if (!config.allows(word)) {
            LOG.debug("Command {} is not executed because it is not in the whitelist.", word.word());
            answer.accept(FourLetterWordText.notWhitelisted(word));
            return true;
        }
        LOG.debug("four-letter word {} from {}", word.word(), from);
        text.get().answer(word).whenComplete((reply, failure) -> {
            if (failure != null) {
                LOG.warn("four-letter word {} failed: {}", word.word(), failure.toString());
                answer.accept(FourLetterWordText.NOT_SERVING);
            } else {
                answer.accept(reply);
            }
        });
        return true;
    }
}
