package io.parley.agent;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throttles staff logins in PostgreSQL, so the limit holds across nodes. Three keys are counted: the account from
 * one address (tight), the address across accounts (guessing many accounts), and the account from anywhere
 * (guessing from many addresses, loose). Past its allowance a key is blocked for a backoff that doubles with every
 * further failure up to {@code maxBackoff}: never a hard lockout, and someone hammering the admin's email from one
 * address holds back that address far sooner than the admin signing in from another.
 * <p>
 * An attempt is counted by one atomic upsert per key before the password is checked (all keys in one
 * transaction, which is refused as a whole when any key is blocked), so N parallel guesses are N counts, never a
 * check-then-act race. A success takes its count back: the account's keys are cleared, the address's is lowered
 * by one. Unknown emails are counted like known ones so the answer reveals nothing. Time is the database's clock,
 * the one all nodes share.
 */
class LoginThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Settings settings;

    /**
     * @param perPair allowed failures of one account from one address before backoff starts
     * @param perAddress allowed failures from one address across accounts
     * @param perAccount allowed failures of one account across addresses
     * @param window a key with no failure (and no block) within this long starts again from zero
     * @param firstBackoff the block once an allowance is used up; doubles with every further failure
     * @param maxBackoff the longest block
     */
    record Settings(int perPair, int perAddress, int perAccount, Duration window, Duration firstBackoff, Duration maxBackoff) {
    }

    LoginThrottle(JdbcClient jdbc, TransactionTemplate transaction, Settings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /**
     * Counts an attempt (provisionally as a failure) unless one of its keys is blocked.
     *
     * @return how long the caller must wait when refused; empty when the attempt may go ahead
     */
    Optional<Duration> tryAttempt(String email, String address) {
        List<Key> keys = keys(email, address);
        Boolean admitted = transaction.execute(status -> {
            for (Key key : keys) {
                if (!count(key)) {
                    status.setRollbackOnly();
                    return false;
                }
            }
            return true;
        });
        if (Boolean.TRUE.equals(admitted)) {
            return Optional.empty();
        }
        long millis = jdbc.sql("""
                select coalesce(max(extract(epoch from (blocked_until - clock_timestamp())) * 1000), 0)::bigint
                from login_throttle where throttle_key in (:keys) and blocked_until > clock_timestamp()""")
                .param("keys", keys.stream().map(Key::name).toList())
                .query(Long.class).single();
        return Optional.of(Duration.ofMillis(Math.max(1000, millis)));
    }

    /** The attempt succeeded: the account starts from zero, the address gets this attempt back. */
    void succeeded(String email, String address) {
        List<Key> keys = keys(email, address);
        jdbc.sql("delete from login_throttle where throttle_key in (?, ?)").params(keys.get(0).name(), keys.get(2).name()).update();
        jdbc.sql("""
                update login_throttle set failures = greatest(failures - 1, 0),
                    blocked_until = case when failures - 1 >= ? then blocked_until end
                where throttle_key = ?""").params(keys.get(1).allowance(), keys.get(1).name()).update();
        // rows that can no longer block anybody
        jdbc.sql("""
                delete from login_throttle where last_failure < clock_timestamp() - make_interval(secs => ?)
                    and (blocked_until is null or blocked_until < clock_timestamp())""")
                .param(settings.window().plus(settings.maxBackoff()).toSeconds()).update();
    }

    /** @return false when the key is blocked now (nothing was changed) */
    private boolean count(Key key) {
        // f: the failure count after this attempt; a key quiet for a whole window starts again
        String failuresAfter = """
                (case when coalesce(t.blocked_until, t.last_failure) < clock_timestamp() - make_interval(secs => :window)
                      then 1 else t.failures + 1 end)""";
        return jdbc.sql("""
                insert into login_throttle as t (throttle_key, failures, last_failure, blocked_until)
                values (:key, 1, clock_timestamp(), case when 1 >= :allowance
                        then clock_timestamp() + make_interval(secs => :first) end)
                on conflict (throttle_key) do update set
                    failures = {f},
                    last_failure = clock_timestamp(),
                    blocked_until = case when {f} >= :allowance then clock_timestamp()
                        + make_interval(secs => least(:first * power(2, least({f} - :allowance, 30)), :max)) end
                where t.blocked_until is null or t.blocked_until <= clock_timestamp()
                returning failures""".replace("{f}", failuresAfter))
                .param("key", key.name())
                .param("allowance", key.allowance())
                .param("window", (double) settings.window().toSeconds())
                .param("first", (double) settings.firstBackoff().toMillis() / 1000.0)
                .param("max", (double) settings.maxBackoff().toMillis() / 1000.0)
                .query(Integer.class).optional().isPresent();
    }

    private List<Key> keys(String email, String address) {
        String account = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        String from = address == null ? "unknown" : address;
        return List.of(new Key("pair:" + account + "|" + from, settings.perPair()),
                new Key("address:" + from, settings.perAddress()),
                new Key("account:" + account, settings.perAccount()));
    }

    private record Key(String name, int allowance) {
    }
}
