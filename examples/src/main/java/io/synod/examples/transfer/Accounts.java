package io.synod.examples.transfer;

import io.synod.api.commit.TransactionId;
import io.synod.api.commit.TransactionalResource;
import io.synod.api.commit.Vote;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One shard of accounts, as a participant's resource. A part votes yes if its account is not
 * locked by another transfer and would not go below zero; the yes locks the account until the
 * outcome. Balances and the outcomes applied stand for the shard's durable state; locks and
 * pending parts live in memory and are lost by {@link #crash()}, to be restored by the protocol.
 * Synchronized, so a reader may look from another thread.
 */
public final class Accounts implements TransactionalResource {

    private final Map<String, Long> balances = new TreeMap<>();
    private final Set<TransactionId> finished = new HashSet<>();
    private final Map<String, TransactionId> locks = new HashMap<>();
    private final Map<TransactionId, Transfer> pending = new HashMap<>();

    /** Opens {@code account} with {@code balance}. */
    public synchronized Accounts open(String account, long balance) {
        balances.put(account, balance);
        return this;
    }

    @Override
    public synchronized Vote prepare(TransactionId txn, byte[] part) {
        Transfer t = Transfer.decode(part);
        Long balance = balances.get(t.account());
        if (balance == null) {
            return Vote.no("no account " + t.account());
        }
        TransactionId holder = locks.get(t.account());
        if (holder != null && !holder.equals(txn)) {
            return Vote.no("account " + t.account() + " is busy with " + holder);
        }
        if (balance + t.delta() < 0) {
            return Vote.no("insufficient funds in " + t.account() + ": " + balance + " < " + -t.delta());
        }
        locks.put(t.account(), txn);
        pending.put(txn, t);
        return Vote.YES;
    }

    @Override
    public synchronized void commit(TransactionId txn) {
        Transfer t = pending.remove(txn);
        if (t != null) {
            balances.merge(t.account(), t.delta(), Long::sum);
            locks.remove(t.account());
        }
        finished.add(txn);
    }

    @Override
    public synchronized void abort(TransactionId txn) {
        Transfer t = pending.remove(txn);
        if (t != null) {
            locks.remove(t.account());
        }
        finished.add(txn);
    }

    @Override
    public synchronized void restorePrepared(TransactionId txn, byte[] part) {
        if (!finished.contains(txn)) {
            Transfer t = Transfer.decode(part);
            locks.put(t.account(), txn);
            pending.put(txn, t);
        }
    }

    /** Loses what lives only in memory: locks and pending parts. */
    public synchronized void crash() {
        locks.clear();
        pending.clear();
    }

    /** The committed money in this shard. */
    public synchronized long total() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    /** Accounts locked by a transfer whose outcome this shard does not know yet. */
    public synchronized int locked() {
        return locks.size();
    }
}
