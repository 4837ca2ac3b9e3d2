package io.github.articletag;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How VERSION() strings of both servers are read (the strings are the servers' real answers). */
class ServerVersionTest {

    @Test
    void mysqlIsMysql() {
        assertEquals(new ServerVersion("MySQL", "8.4.3", 8, 4), ServerVersion.parse("8.4.3"));
    }

    @Test
    void mariadbIsRecognisedFromItsVersionText() {
        assertEquals(new ServerVersion("MariaDB", "11.4.5-MariaDB", 11, 4), ServerVersion.parse("11.4.5-MariaDB"));
        assertEquals(new ServerVersion("MariaDB", "10.11.18-MariaDB-0+deb12u1", 10, 11),
                ServerVersion.parse("10.11.18-MariaDB-0+deb12u1"));
    }

    @Test
    void theHandshakeCompatibilityPrefixIsDropped() {
        assertEquals(new ServerVersion("MariaDB", "10.11.6-MariaDB", 10, 11),
                ServerVersion.parse("5.5.5-10.11.6-MariaDB"));
    }

    @Test
    void somethingElseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse("PostgreSQL"));
    }
}
