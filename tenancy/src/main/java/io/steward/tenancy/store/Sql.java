package io.steward.tenancy.store;

import io.steward.tenancy.error.InvalidInputException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Plain JDBC with positional parameters: the few statement shapes every store needs. */
public final class Sql {
    private Sql() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public static <T> List<T> query(Connection c, String sql, List<?> params, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, List<?> params, RowMapper<T> mapper)
            throws SQLException {
        List<T> rows = query(c, sql, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static long count(Connection c, String sql, List<?> params) throws SQLException {
        return queryOne(c, sql, params, rs -> rs.getLong(1)).orElse(0L);
    }

    public static int update(Connection c, String sql, List<?> params) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        }
    }

    /**
     * Runs update statements in order and returns each one's count. On PostgreSQL they go out as one prepared
     * statement of several (the driver sends them together and waits for the answers once): one round trip instead of
     * one each. H2 runs in the same process, where a round trip costs nothing, and takes them one by one.
     */
    public static int[] updateTogether(Connection c, Dialect dialect, List<String> sqls, List<? extends List<?>> params)
            throws SQLException {
        long[] answers = writeTogether(c, dialect, sqls, params, java.util.Collections.nCopies(sqls.size(), null));
        int[] counts = new int[answers.length];
        for (int i = 0; i < answers.length; i++) {
            counts[i] = (int) answers[i];
        }
        return counts;
    }

    /**
     * As {@link #updateTogether}, where an insert may also answer the number the database gave one column of its row:
     * {@code returning.get(i)} names that column of statement {@code i} (null: the statement answers its count).
     * Returns, per statement, that number or the count; still one round trip on PostgreSQL.
     */
    public static long[] writeTogether(Connection c, Dialect dialect, List<String> sqls, List<? extends List<?>> params,
                                       List<String> returning) throws SQLException {
        long[] answers = new long[sqls.size()];
        if (dialect != Dialect.POSTGRES || sqls.size() == 1) {
            for (int i = 0; i < sqls.size(); i++) {
                answers[i] = returning.get(i) == null ? update(c, sqls.get(i), params.get(i))
                        : insertReturning(c, sqls.get(i), params.get(i), returning.get(i));
            }
            return answers;
        }
        List<Object> all = new ArrayList<>();
        params.forEach(all::addAll);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < sqls.size(); i++) {
            joined.append(i == 0 ? "" : "; ").append(sqls.get(i));
            if (returning.get(i) != null) {
                joined.append(" RETURNING ").append(returning.get(i));
            }
        }
        try (PreparedStatement st = prepare(c, joined.toString(), all)) {
            boolean resultSet = st.execute();
            for (int i = 0; i < answers.length; i++) {
                if (resultSet != (returning.get(i) != null)) {
                    throw new SQLException("Statement " + (i + 1) + " of " + sqls.size()
                            + (resultSet ? " returned rows" : " returned no " + returning.get(i)));
                }
                if (resultSet) {
                    try (ResultSet rs = st.getResultSet()) {
                        if (!rs.next()) {
                            throw new SQLException("The insert generated no " + returning.get(i));
                        }
                        answers[i] = rs.getLong(1);
                    }
                } else {
                    answers[i] = st.getUpdateCount();
                }
                resultSet = st.getMoreResults();
            }
        }
        return answers;
    }

    /** Runs {@code sql} once per parameter list as one JDBC batch: one round trip for many rows. */
    public static void batch(Connection c, String sql, List<? extends List<?>> paramLists) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (List<?> params : paramLists) {
                for (int i = 0; i < params.size(); i++) {
                    bind(st, i + 1, params.get(i));
                }
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Runs an insert and returns the number the database generated for {@code column} (an identity column): the
     * read back that would otherwise follow it is one round trip less.
     */
    public static long insertReturning(Connection c, String sql, List<?> params, String column) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql, new String[] {column})) {
            for (int i = 0; i < params.size(); i++) {
                bind(st, i + 1, params.get(i));
            }
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("The insert generated no " + column);
                }
                return keys.getLong(1);
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                bind(st, i + 1, params.get(i));
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            // Columns are TIMESTAMP WITH TIME ZONE; an explicit UTC offset keeps the session time zone out of it.
            // They hold microseconds, and a database rounds finer values when it stores them but not when it
            // compares them: truncated here, a value in a condition is the value a column holds (a start and an
            // end at one instant compare equal, whether the clock moved between them or not).
            st.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        } else if (value instanceof byte[] bytes) {
            st.setBytes(index, bytes);
        } else if (value instanceof String text && text.indexOf('\0') >= 0) {
            // PostgreSQL cannot store NUL in text; refuse it as bad input on both databases alike.
            throw new InvalidInputException("Text values must not contain NUL characters");
        } else if (value instanceof Enum<?> e) {
            st.setString(index, e.name().toLowerCase(Locale.ROOT));
        } else {
            st.setObject(index, value);
        }
    }
}
