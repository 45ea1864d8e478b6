package org.subsidyledger.ledger.infrastructure;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Set-wise lookups: one query for thousands of recipients, the IDs passed as one {@code char(18)[]} parameter
 * ({@code recipient_id = ANY (?)}) and the rows streamed with a large fetch size.
 */
public final class ArrayQueries {

    /** What to do with each row. */
    public interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private ArrayQueries() {
    }

    /**
     * Runs {@code sql} with {@code params}; a {@code String[]} parameter is bound as an array of recipient IDs.
     * Nothing is run when such an array is empty.
     */
    public static void query(JdbcTemplate jdbc, String sql, RowAction action, Object... params) {
        for (Object param : params) {
            if (param instanceof String[] ids && ids.length == 0) {
                return;
            }
        }
        jdbc.query(con -> {
            var statement = con.prepareStatement(sql);
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] ids) {
                    statement.setArray(i + 1, con.createArrayOf("bpchar", ids));
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            statement.setFetchSize(10_000);
            return statement;
        }, rs -> {
            action.accept(rs);
        });
    }
}
