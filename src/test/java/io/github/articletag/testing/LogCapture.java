package io.github.articletag.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is logged while some work runs. The tests' logging binding (logback, with Hibernate's JBoss
 * Logging routed to it; see logback-test.xml) writes to whatever {@code System.err} is at the time.
 */
public final class LogCapture {

    private LogCapture() {
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} and returns everything logged meanwhile (it is also passed on to the real stderr). */
    public static String during(Work work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * Like {@link #during}, with what could leak a password logged at its most talkative meanwhile: HikariCP's
     * configuration dump (DEBUG) and Hibernate's connection summary (INFO). Other runs keep them quiet.
     */
    public static String duringVerbose(Work work) throws Exception {
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.HikariConfig");
        Logger hibernate = (Logger) LoggerFactory.getLogger("org.hibernate.orm.connections");
        Level hikariLevel = hikari.getLevel();
        Level hibernateLevel = hibernate.getLevel();
        hikari.setLevel(Level.DEBUG);
        hibernate.setLevel(Level.INFO);
        try {
            return during(work);
        } finally {
            hikari.setLevel(hikariLevel);
            hibernate.setLevel(hibernateLevel);
        }
    }

    /** The warning and error lines of captured output (logback-test.xml writes "[thread] LEVEL logger - message"). */
    public static java.util.List<String> warnings(String logged) {
        return logged.lines().filter(line -> line.contains("] WARN ") || line.contains("] ERROR ")).toList();
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
