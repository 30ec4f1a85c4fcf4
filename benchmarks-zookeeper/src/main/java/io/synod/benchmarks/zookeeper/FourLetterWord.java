package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** ZooKeeper's four-letter words on the client port; {@code srvr} tells a server's mode (leader, follower, standalone). */
final class FourLetterWord {

    private FourLetterWord() {
    }

    /** The answer to {@code word}, or empty if the server did not answer (down, or the word is not whitelisted). */
    static Optional<String> ask(int port, String word) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(2_000);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code Mode:} line of {@code srvr}: "leader", "follower", "standalone", or empty. */
    static Optional<String> mode(int port) {
        return ask(port, "srvr").flatMap(answer -> answer.lines()
            .filter(l -> l.startsWith("Mode:"))
            .map(l -> l.substring("Mode:".length()).trim())
            .findFirst());
    }
}
