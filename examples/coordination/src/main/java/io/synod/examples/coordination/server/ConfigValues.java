package io.synod.examples.coordination.server;

import java.util.Properties;

/** Numbers and switches read from zoo.cfg, each refused with its key and the reason. */
final class ConfigValues {

    private ConfigValues() {
    }

    static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.trim() + " is not a number");
        }
    }

    /** {@code true} or {@code false}, in any case, as ZooKeeper reads its switches. */
    static boolean bool(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (v.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + "=" + v.trim() + ": must be true or false");
    }

    static int positive(Properties p, String key, int fallback) {
        int value = integer(p, key, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException(key + "=" + value + ": must be greater than 0");
        }
        return value;
    }
}
