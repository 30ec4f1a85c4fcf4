package io.synod.testkit.trace;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders protocol messages and other trace details as text that depends only on their
 * values. A record's own {@code toString} prints byte arrays by identity, which differs between
 * two runs of one seed; here records are walked component by component and byte arrays shown
 * by length and content.
 */
public final class Describe {

    private static final int BYTES_SHOWN = 12;
    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private Describe() {
    }

    /** The value as deterministic text. */
    public static String value(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof byte[] b) {
            bytes(out, b);
        } else if (v instanceof int[] a) {
            out.append(java.util.Arrays.toString(a));
        } else if (v instanceof long[] a) {
            out.append(java.util.Arrays.toString(a));
        } else if (v instanceof Object[] a) {
            sequence(out, java.util.Arrays.asList(a), depth);
        } else if (v instanceof Collection<?> c) {
            sequence(out, c, depth);
        } else if (v instanceof Record r && depth < 6) {
            record(out, r, depth);
        } else {
            out.append(v);
        }
    }

    private static void sequence(StringBuilder out, Collection<?> items, int depth) {
        out.append('[');
        int i = 0;
        for (Object item : items) {
            if (i++ > 0) {
                out.append(", ");
            }
            append(out, item, depth + 1);
        }
        out.append(']');
    }

    private static void record(StringBuilder out, Record r, int depth) {
        Method[] accessors = ACCESSORS.computeIfAbsent(r.getClass(), Describe::accessors);
        RecordComponent[] components = r.getClass().getRecordComponents();
        out.append(r.getClass().getSimpleName()).append('{');
        for (int i = 0; i < accessors.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(components[i].getName()).append('=');
            try {
                append(out, accessors[i].invoke(r), depth + 1);
            } catch (IllegalAccessException | InvocationTargetException e) {
                out.append('?');
            }
        }
        out.append('}');
    }

    private static Method[] accessors(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] methods = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            methods[i] = components[i].getAccessor();
            try {
                methods[i].setAccessible(true);
            } catch (RuntimeException e) {
                // Inaccessible accessors are reported as '?', never as identity hashes.
            }
        }
        return methods;
    }

    private static void bytes(StringBuilder out, byte[] b) {
        out.append(b.length).append("B:");
        for (int i = 0; i < Math.min(b.length, BYTES_SHOWN); i++) {
            out.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        if (b.length > BYTES_SHOWN) {
            out.append("…#").append(Integer.toHexString(java.util.Arrays.hashCode(b)));
        }
    }
}
