import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reference oracle for kafkalint's properties reader: loads files with java.util.Properties and
 * prints what load() stored, in insertion order, one JSON object per line (pure ASCII).
 *
 *   java PropsOracle [--utf8] FILE...      one or more files
 *   java PropsOracle [--utf8] --batch      file names on stdin, one per line; a stdin line
 *                                          "--utf8" or "--latin1" switches the mode for the
 *                                          files that follow (so one JVM serves both)
 *
 * For each file: {"file":NAME}, then {"key":K,"value":V} per put() call (duplicates included),
 * or a single {"error":MESSAGE} if load() throws (its earlier puts are then not printed).
 * Without --utf8 the file is read with load(InputStream) (ISO-8859-1); with it, load(Reader) over UTF-8.
 */
public final class PropsOracle {
    public static void main(String[] args) throws IOException {
        boolean utf8 = false;
        boolean batch = false;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--utf8" -> utf8 = true;
                case "--batch" -> batch = true;
                default -> files.add(arg);
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        if (batch) {
            BufferedReader names = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String name;
            boolean mode = utf8;
            while ((name = names.readLine()) != null) {
                switch (name) {
                    case "" -> { }
                    case "--utf8" -> mode = true;
                    case "--latin1" -> mode = false;
                    default -> report(name, mode, out);
                }
            }
        }
        for (String file : files) report(file, utf8, out);
        out.flush();
    }

    private static void report(String file, boolean utf8, PrintStream out) throws IOException {
        out.print("{\"file\":" + json(file) + "}\n");
        List<String[]> pairs = new ArrayList<>();
        Properties recorder = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                pairs.add(new String[] {(String) key, (String) value});
                return super.put(key, value);
            }
        };
        try (InputStream in = new FileInputStream(file)) {
            if (utf8) {
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    recorder.load(reader);
                }
            } else {
                recorder.load(in);
            }
        } catch (IllegalArgumentException e) {
            out.print("{\"error\":" + json(String.valueOf(e.getMessage())) + "}\n");
            return;
        }
        for (String[] pair : pairs) {
            out.print("{\"key\":" + json(pair[0]) + ",\"value\":" + json(pair[1]) + "}\n");
        }
    }

    /** A JSON string literal using only printable ASCII; everything else becomes a \\uXXXX escape. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
