import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reference oracle for kafkalint's properties reader: loads inputs with java.util.Properties and
 * prints what load() stored, in the order it stored it, one JSON object per line, pure ASCII.
 *
 *   java PropsOracle [--utf8] FILE...     loads each file
 *   java PropsOracle [--utf8] --batch     loads each input named on stdin, one per line
 *
 * A stdin line is a file name, optionally followed by TAB offset TAB length to load only that byte
 * range of the file (thousands of inputs can then share one file: creating files is slow on some
 * disks). A line "--utf8" or "--latin1" switches the decoding for the inputs that follow.
 *
 * Per input: {"file":LINE}, then {"key":K,"value":V} for each put() made by load() (duplicates
 * included), or a single {"error":MESSAGE} if load() throws. Without --utf8 the bytes go through
 * load(InputStream), which reads ISO-8859-1; with it, through load(Reader) decoding UTF-8.
 */
public final class PropsOracle {
    private static String cachedPath;
    private static byte[] cachedBytes;

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
        for (String file : files) report(file, utf8, out);
        if (batch) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                switch (line) {
                    case "" -> { }
                    case "--utf8" -> utf8 = true;
                    case "--latin1" -> utf8 = false;
                    default -> report(line, utf8, out);
                }
            }
        }
        out.flush();
    }

    private static void report(String input, boolean utf8, PrintStream out) throws IOException {
        out.print("{\"file\":" + json(input) + "}\n");
        List<String[]> pairs = new ArrayList<>();
        Properties recorder = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                pairs.add(new String[] {(String) key, (String) value});
                return super.put(key, value);
            }
        };
        try (InputStream in = open(input)) {
            if (utf8) {
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                recorder.load(reader);
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

    /** The bytes named by an input line: a whole file, or "file TAB offset TAB length". */
    private static InputStream open(String input) throws IOException {
        String[] parts = input.split("\t");
        if (parts.length != 1 && parts.length != 3) throw new IOException("bad input line: " + input);
        if (!parts[0].equals(cachedPath)) {
            cachedBytes = Files.readAllBytes(Path.of(parts[0]));
            cachedPath = parts[0];
        }
        if (parts.length == 1) return new ByteArrayInputStream(cachedBytes);
        return new ByteArrayInputStream(cachedBytes, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    /** A JSON string literal in printable ASCII: '"', '\\', controls and non-ASCII become \\uXXXX. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append("\\u");
                String hex = Integer.toHexString(c);
                for (int pad = hex.length(); pad < 4; pad++) b.append('0');
                b.append(hex);
            }
        }
        return b.append('"').toString();
    }
}
