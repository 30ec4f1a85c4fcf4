package io.synod.testkit.commit;

import io.synod.api.commit.TransactionId;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/** The toy's durable records, as text: COMMIT and END at the coordinator, PREPARED and DECIDED at a participant. */
final class ToyRecords {

    private ToyRecords() {
    }

    static byte[] commit(TransactionId t, int[] participants) {
        return text("COMMIT " + id(t) + " " + Arrays.stream(participants).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    }

    static byte[] end(TransactionId t) {
        return text("END " + id(t));
    }

    static byte[] prepared(TransactionId t, byte[] part) {
        return text("PREPARED " + id(t) + " " + Base64.getEncoder().encodeToString(part));
    }

    static byte[] decided(TransactionId t, boolean commit) {
        return text("DECIDED " + id(t) + " " + (commit ? "commit" : "abort"));
    }

    /** The fields of a record: kind, coordinator, number, then the rest. */
    static String[] fields(byte[] record) {
        return new String(record, StandardCharsets.UTF_8).split(" ");
    }

    static TransactionId transaction(String[] fields) {
        return new TransactionId(Integer.parseInt(fields[1]), Long.parseLong(fields[2]));
    }

    static int[] participants(String[] fields) {
        return Arrays.stream(fields[3].split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static byte[] part(String[] fields) {
        return Base64.getDecoder().decode(fields[3]);
    }

    private static String id(TransactionId t) {
        return t.coordinator() + " " + t.number();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
