package io.parley.assistant;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The bot's work queue, fair between customers: each customer has their own small queue and the workers take
 * from the customers in turn (round robin), so one customer sending a flood delays only themselves. A customer's
 * queue keeps their latest messages only (the bot answers the newest message anyway, older ones are skipped); when
 * the whole queue is full, the message is refused and the caller answers "busy, a person will help" instead of
 * leaving it unanswered.
 */
final class FairBotQueue {

    private final int capacity;
    private final int perCustomer;
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();
    /** customers with queued work, in the order they are served */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int size;

    FairBotQueue(int capacity, int perCustomer, int workers, String threadPrefix) {
        this.capacity = capacity;
        this.perCustomer = perCustomer;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, threadPrefix + (i + 1));
            worker.setDaemon(true);
            worker.start();
        }
    }

    /**
     * Queues {@code task} in {@code customer}'s turn.
     *
     * @return false when the queue is full and nothing was queued
     */
    synchronized boolean offer(String customer, Runnable task) {
        ArrayDeque<Runnable> mine = queues.get(customer);
        if (mine != null && mine.size() >= perCustomer) {
            // their oldest waiting message would be skipped for this newer one anyway
            mine.pollFirst();
            size--;
        }
        if (size >= capacity) {
            return false;
        }
        if (mine == null) {
            mine = new ArrayDeque<>();
            queues.put(customer, mine);
            turns.addLast(customer);
        }
        mine.addLast(task);
        size++;
        notifyAll();
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** An executor that queues everything under one key: for callers without a customer. */
    Executor forCustomer(String customer) {
        return task -> offer(customer, task);
    }

    private synchronized Runnable take() throws InterruptedException {
        while (turns.isEmpty()) {
            wait();
        }
        String customer = turns.pollFirst();
        ArrayDeque<Runnable> mine = queues.get(customer);
        Runnable task = mine.pollFirst();
        size--;
        if (mine.isEmpty()) {
            queues.remove(customer);
        }
        else {
            turns.addLast(customer);
        }
        return task;
    }

    private void work() {
        while (true) {
            Runnable task;
            try {
                task = take();
            }
            catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            }
            catch (RuntimeException e) {
                // the task logs its own failures; a worker never dies of one
            }
        }
    }
}
