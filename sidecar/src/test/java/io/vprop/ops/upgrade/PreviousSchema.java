package io.vprop.ops.upgrade;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a journal written by this build back into the previous schema version, so the upgrade test can start the
 * new build on genuinely old stores made by a real run. Journal migrations only ever append (JournalSchema), so the
 * last one is undone statement by statement: CREATE TABLE / CREATE INDEX are dropped, ADD COLUMN is dropped again.
 * Any other statement fails the test, asking for this class to learn it.
 */
final class PreviousSchema {
    private PreviousSchema() { }

    private static final Pattern TABLE = Pattern.compile("(?i)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+).*", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("(?i)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+).*", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(?i)^\\s*ALTER\\s+TABLE\\s+(\\w+)\\s+ADD\\s+(?:COLUMN\\s+)?(\\w+).*", Pattern.DOTALL);

    /** The journal schema's migrations, read from JournalSchema (package-private there). */
    @SuppressWarnings("unchecked")
    static List<List<String>> migrations() {
        try {
            var f = Class.forName("io.vprop.journal.JournalSchema").getDeclaredField("MIGRATIONS");
            f.setAccessible(true);
            return (List<List<String>>) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read io.vprop.journal.JournalSchema.MIGRATIONS: " + e, e);
        }
    }

    static int latest() { return migrations().size(); }

    /**
     * Undoes the latest migration of {@code db}. With a single schema version there is nothing older that holds
     * data, and the file is left as it is.
     *
     * @return the schema version the file now has
     */
    static int downgrade(Path db) throws SQLException {
        List<List<String>> m = migrations();
        if (m.size() < 2) return m.size();
        List<String> last = new ArrayList<>(m.get(m.size() - 1));
        Collections.reverse(last);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : last) s.execute(undo(sql));
            s.execute("PRAGMA user_version = " + (m.size() - 1));
            c.commit();
        }
        return m.size() - 1;
    }

    static String undo(String sql) {
        Matcher t = TABLE.matcher(sql);
        if (t.matches()) return "DROP TABLE " + t.group(1);
        Matcher i = INDEX.matcher(sql);
        if (i.matches()) return "DROP INDEX " + i.group(1);
        Matcher c = COLUMN.matcher(sql);
        if (c.matches()) return "ALTER TABLE " + c.group(1) + " DROP COLUMN " + c.group(2);
        throw new AssertionError("the upgrade test cannot undo the journal migration statement '" + sql
                + "': teach io.vprop.ops.upgrade.PreviousSchema");
    }
}
