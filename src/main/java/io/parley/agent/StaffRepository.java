package io.parley.agent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffRepository {

    private static final String COLUMNS = "id, email, display_name, password_hash, roles, active, created_at, updated_at, token_generation";

    private final JdbcClient jdbc;

    StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredStaff> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from staff_account where id = ?").param(id)
                .query(StaffRepository::map).optional();
    }

    Optional<StoredStaff> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from staff_account where lower(email) = lower(?)").param(email)
                .query(StaffRepository::map).optional();
    }

    List<StaffMember> findAll() {
        return jdbc.sql("select " + COLUMNS + " from staff_account order by lower(email)")
                .query(StaffRepository::map).list().stream().map(StoredStaff::member).toList();
    }

    /** @return false when an account with the same email (in any case) exists; nothing was written then */
    boolean insert(StoredStaff staff) {
        StaffMember m = staff.member();
        return jdbc.sql("""
                insert into staff_account (id, email, display_name, password_hash, roles, active, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (lower(email)) do nothing""")
                .params(m.id(), m.email(), m.name(), staff.passwordHash(), roles(m.roles()), m.active(),
                        Timestamp.from(m.createdAt()), Timestamp.from(m.updatedAt()))
                .update() == 1;
    }

    /** @param revokeTokens true: raise the token generation, so every token issued before stops working */
    void update(StoredStaff staff, boolean revokeTokens) {
        StaffMember m = staff.member();
        jdbc.sql("""
                update staff_account set display_name = ?, password_hash = ?, roles = ?, active = ?, updated_at = ?,
                    token_generation = token_generation + ? where id = ?""")
                .params(m.name(), staff.passwordHash(), roles(m.roles()), m.active(), Timestamp.from(m.updatedAt()),
                        revokeTokens ? 1 : 0, m.id())
                .update();
    }

    /** Raises the token generation (logout): every token issued before stops working. */
    boolean revokeTokens(UUID id) {
        return jdbc.sql("update staff_account set token_generation = token_generation + 1 where id = ?").param(id).update() == 1;
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("select exists (select 1 from staff_account where active and 'ADMIN' = any(roles))")
                .query(Boolean.class).single();
    }

    /**
     * Ids of the active admins, locked for the rest of the transaction: two admins demoting each other at the same
     * moment must not leave nobody able to manage staff.
     */
    List<UUID> lockActiveAdmins() {
        return jdbc.sql("select id from staff_account where active and 'ADMIN' = any(roles) order by id for update")
                .query(UUID.class).list();
    }

    private static String[] roles(Set<StaffRole> roles) {
        return roles.stream().sorted().map(StaffRole::name).toArray(String[]::new);
    }

    private static StoredStaff map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("roles");
        Set<StaffRole> roles = Arrays.stream((String[]) array.getArray()).map(StaffRole::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
        StaffMember member = new StaffMember(rs.getObject("id", UUID.class), rs.getString("email"),
                rs.getString("display_name"), roles, rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new StoredStaff(member, rs.getString("password_hash"), rs.getLong("token_generation"));
    }

    /**
     * An account with its password hash, which never leaves the module.
     *
     * @param tokenGeneration tokens carry it; only tokens of the current generation are accepted
     */
    record StoredStaff(StaffMember member, String passwordHash, long tokenGeneration) {

        StoredStaff(StaffMember member, String passwordHash) {
            this(member, passwordHash, 0);
        }

        StoredStaff with(StaffMember changed) {
            return new StoredStaff(changed, passwordHash, tokenGeneration);
        }
    }
}
