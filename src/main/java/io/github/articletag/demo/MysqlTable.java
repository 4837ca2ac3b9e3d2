package io.github.articletag.demo;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Renders a result set as the mysql command-line client prints it: a box, numbers aligned right. */
final class MysqlTable {

    private MysqlTable() {
    }

    static String render(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        List<String> headers = new ArrayList<>();
        boolean[] numeric = new boolean[columns];
        for (int c = 1; c <= columns; c++) {
            headers.add(meta.getColumnLabel(c));
            numeric[c - 1] = isNumeric(meta.getColumnType(c));
        }
        List<List<String>> rows = new ArrayList<>();
        while (result.next()) {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= columns; c++) {
                String value = result.getString(c);
                row.add(value == null ? "NULL" : value);
            }
            rows.add(row);
        }
        return render(headers, numeric, rows);
    }

    static String render(List<String> headers, boolean[] numeric, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = displayWidth(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], displayWidth(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        String border = border(widths);
        out.append(border);
        appendRow(out, headers, widths, new boolean[widths.length]);
        out.append(border);
        for (List<String> row : rows) {
            appendRow(out, row, widths, numeric);
        }
        if (!rows.isEmpty()) {
            out.append(border);
        }
        return out.toString();
    }

    private static String border(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths, boolean[] alignRight) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - displayWidth(cell));
            out.append(' ').append(alignRight[c] ? padding + cell : cell + padding).append(" |");
        }
        out.append('\n');
    }

    /** Characters, not UTF-16 units, so that an emoji takes one column as in the mysql client. */
    private static int displayWidth(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
            default -> false;
        };
    }
}
