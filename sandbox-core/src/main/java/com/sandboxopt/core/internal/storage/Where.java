package com.sandboxopt.core.internal.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause of optional equality filters; a null value means no filter on that column. */
final class Where {
    private final List<String> columns = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** The column name is always a constant of ours, never user input. */
    Where equal(String column, String value) {
        if (value != null) {
            columns.add(column);
            values.add(value);
        }
        return this;
    }

    String sql() {
        return columns.isEmpty() ? "" : " WHERE " + String.join(" = ? AND ", columns) + " = ?";
    }

    /**
     * ORDER BY the filtered columns, then {@code order}. The filtered columns are constant, so the
     * order is the same; naming them lets H2 see that an index starting with them is already sorted.
     */
    String orderBy(String order) {
        return columns.isEmpty() ? " ORDER BY " + order : " ORDER BY " + String.join(", ", columns) + ", " + order;
    }

    /** Binds the values from parameter {@code first} on; returns the next free parameter index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (String value : values) {
            ps.setString(index++, value);
        }
        return index;
    }
}
