package io.synod.examples.coordination.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * The operator tools' settings, from zoo.cfg keys as ZooKeeper names them:
 * <ul>
 *   <li>{@code 4lw.commands.whitelist}: the four-letter words answered, a comma list, {@code *} for all.
 *       As in ZooKeeper, the default is {@code srvr} alone and {@code srvr} is always answered (ZooKeeper's
 *       scripts depend on it); any other word gets "... is not executed because it is not in the
 *       whitelist.".</li>
 *   <li>{@code admin.enableServer} (true), {@code admin.serverAddress} (127.0.0.1: loopback only, unlike
 *       ZooKeeper's 0.0.0.0), {@code admin.serverPort} (8080): the HTTP endpoint.</li>
 * </ul>
 *
 * @param whitelist   the four-letter words answered on the client port
 * @param httpEnabled whether the admin HTTP endpoint runs
 * @param httpAddress where it listens (port 0: any free port)
 */
public record AdminConfig(Set<FourLetterWord> whitelist, boolean httpEnabled, InetSocketAddress httpAddress) {

    private static final Logger LOG = LoggerFactory.getLogger(AdminConfig.class);

    public static final String WHITELIST_KEY = "4lw.commands.whitelist";
    public static final String ENABLE_KEY = "admin.enableServer";
    public static final String ADDRESS_KEY = "admin.serverAddress";
    public static final String PORT_KEY = "admin.serverPort";

    public AdminConfig {
        EnumSet<FourLetterWord> words = EnumSet.of(FourLetterWord.SRVR);
        words.addAll(whitelist);
        whitelist = Collections.unmodifiableSet(words);
        if (httpEnabled && httpAddress == null) {
            throw new IllegalArgumentException("the admin server needs an address");
        }
    }

    /** ZooKeeper's defaults: srvr only; the admin endpoint on 127.0.0.1:8080. */
    public static AdminConfig defaults() {
        return from(new Properties());
    }

    /** For servers started from code (tests, embedding): srvr only, and no HTTP endpoint. */
    public static AdminConfig embedded() {
        return new AdminConfig(Set.of(), false, null);
    }

    /** @throws IllegalArgumentException naming the key, for a bad flag or port (an unknown word is warned about) */
    public static AdminConfig from(Properties p) {
        Set<FourLetterWord> words = EnumSet.noneOf(FourLetterWord.class);
        String list = p.getProperty(WHITELIST_KEY);
        if (list != null) {
            for (String item : list.split(",")) {
                String w = item.trim();
                if (w.equals("*")) {
                    words.addAll(EnumSet.allOf(FourLetterWord.class));
                } else if (!w.isEmpty()) {
                    FourLetterWord word = FourLetterWord.ofWord(w);
                    if (word == null) {
                        // ZooKeeper's own words this server lacks (dirs, gtmk, stmk, hash) appear in real zoo.cfg files.
                        LOG.warn("{}: '{}' is not a four-letter word this server answers; ignored (known: {})", WHITELIST_KEY, w,
                            EnumSet.allOf(FourLetterWord.class).stream().map(FourLetterWord::word).toList());
                    } else {
                        words.add(word);
                    }
                }
            }
        }
        String enabled = p.getProperty(ENABLE_KEY, "true").trim();
        if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(ENABLE_KEY + "=" + enabled + ": expected true or false");
        }
        String host = p.getProperty(ADDRESS_KEY, "127.0.0.1").trim();
        String portText = p.getProperty(PORT_KEY, "8080").trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_KEY + "=" + portText + " is not a number");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT_KEY + "=" + port + " is not a port");
        }
        return new AdminConfig(words, Boolean.parseBoolean(enabled), new InetSocketAddress(host, port));
    }

    public boolean allows(FourLetterWord word) {
        return whitelist.contains(word);
    }

    public AdminConfig withHttpAddress(InetSocketAddress address) {
        return new AdminConfig(whitelist, true, address);
    }

    public AdminConfig withWhitelist(Set<FourLetterWord> words) {
        return new AdminConfig(words, httpEnabled, httpAddress);
    }
}
