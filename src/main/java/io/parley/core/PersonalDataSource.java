package io.parley.core;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One module's part of a customer's data export (GDPR right of access). Each module that keeps personal data
 * contributes one bean; the export asks them all and writes each under its {@link #section()}. Erasure is not
 * here: it is the {@code CustomerErased} event of the customer module, which every such module handles.
 */
public interface PersonalDataSource {

    /** The key of this module's part in the export, e.g. {@code conversations}. */
    String section();

    /** What this module keeps about the customer: records (or lists of them) that Jackson writes as JSON. */
    Object export(UUID customerId);

    /** A timestamp column as an instant, null when null (for the sources' row mappers). */
    static java.time.Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A text[] column as a list, empty when null. */
    static List<String> strings(java.sql.ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
