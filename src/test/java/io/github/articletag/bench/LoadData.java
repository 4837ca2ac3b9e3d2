package io.github.articletag.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Lines for {@code LOAD DATA LOCAL INFILE}, produced as the server reads them: the rows are never all in memory,
 * as the streamed import holds one chunk.
 */
final class LoadData extends InputStream {

    private final Iterator<String> lines;
    private byte[] line = new byte[0];
    private int at;

    LoadData(Iterator<String> lines) {
        this.lines = lines;
    }

    /** A field as LOAD DATA's default format reads it back: backslash, tab and newline escaped. */
    static String escaped(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length) {
            if (at == line.length) {
                if (!lines.hasNext()) {
                    break;
                }
                line = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            int n = Math.min(length - copied, line.length - at);
            System.arraycopy(line, at, buffer, offset + copied, n);
            at += n;
            copied += n;
        }
        return copied == 0 ? -1 : copied;
    }
}
