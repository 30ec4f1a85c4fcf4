package io.synod.examples.coordination.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * ZooKeeper's four-letter words this server answers, each with the names ZooKeeper's AdminServer gives the
 * same command ({@code /commands/<name>}): the primary name first, then aliases. A word arrives as the first
 * four bytes of a connection, read as a big-endian int ({@link #code()}).
 */
public enum FourLetterWord {
    RUOK("ruok"),
    STAT("stats", "stat"),
    SRVR("server_stats", "srvr"),
    CONF("configuration", "conf", "config"),
    CONS("connections", "cons"),
    CRST("connection_stat_reset", "crst"),
    ENVI("environment", "env", "envi"),
    MNTR("monitor", "mntr"),
    WCHS("watch_summary", "wchs"),
    WCHC("watches", "wchc"),
    WCHP("watches_by_path", "wchp"),
    DUMP("dump"),
    ISRO("is_read_only", "isro"),
    SRST("stat_reset", "srst");

    private final String word = name().toLowerCase(Locale.ROOT);
    private final int code;
    private final List<String> names;

    FourLetterWord(String... names) {
        byte[] b = name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.code = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        this.names = List.of(names);
    }

    /** The four letters, lower case, as sent. */
    public String word() {
        return word;
    }

    /** The four letters as the big-endian int a frame length would be read as. */
    public int code() {
        return code;
    }

    /** The AdminServer's primary name ({@code monitor} for {@code mntr}). */
    public String adminName() {
        return names.get(0);
    }

    /** Every name the AdminServer accepts for it. */
    public List<String> adminNames() {
        return names;
    }

    /** The word whose code is {@code code}, or null. */
    public static FourLetterWord ofCode(int code) {
        for (FourLetterWord w : values()) {
            if (w.code == code) {
                return w;
            }
        }
        return null;
    }

    /** The word with the four letters {@code word} (any case), or null. */
    public static FourLetterWord ofWord(String word) {
        for (FourLetterWord w : values()) {
            if (w.word.equalsIgnoreCase(word)) {
                return w;
            }
        }
        return null;
    }

    /** The word the AdminServer knows by {@code name} (a primary name or an alias), or null. */
    public static FourLetterWord ofAdminName(String name) {
        for (FourLetterWord w : values()) {
            if (w.names.contains(name)) {
                return w;
            }
        }
        return null;
    }
}
