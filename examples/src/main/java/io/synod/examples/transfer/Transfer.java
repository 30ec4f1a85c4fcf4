package io.synod.examples.transfer;

import java.nio.charset.StandardCharsets;

/**
 * One shard's part of a money transfer: add {@code delta} (negative: a debit) to {@code account}.
 * A transfer of 10 from alice to bob is two parts, {@code alice -10} on alice's shard and
 * {@code bob +10} on bob's.
 */
public record Transfer(String account, long delta) {

    public Transfer {
        if (account == null || account.isEmpty() || account.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("an account name is non-empty and has no space, was '" + account + "'");
        }
    }

    public static Transfer debit(String account, long amount) {
        return new Transfer(account, -amount);
    }

    public static Transfer credit(String account, long amount) {
        return new Transfer(account, amount);
    }

    public byte[] encode() {
        return (account + " " + delta).getBytes(StandardCharsets.UTF_8);
    }

    public static Transfer decode(byte[] part) {
        String text = new String(part, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space < 1) {
            throw new IllegalArgumentException("a transfer part is 'account delta', was '" + text + "'");
        }
        try {
            return new Transfer(text.substring(0, space), Long.parseLong(text.substring(space + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a transfer part is 'account delta', was '" + text + "'", e);
        }
    }
}
