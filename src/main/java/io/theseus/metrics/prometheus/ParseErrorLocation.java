package io.theseus.metrics.prometheus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a Prometheus parse error at the query that caused it. Prometheus gives the position as
 * {@code line:column} (column in UTF-8 bytes) of the whole batched expression, which nobody wrote;
 * this names the role and gives the line, the column and the text within that role's query.
 */
final class ParseErrorLocation {

  private static final Pattern POSITION = Pattern.compile("(\\d+):(\\d+): (parse error: .*)");
  private static final int MAX_LINE_SHOWN = 160;

  private ParseErrorLocation() {}

  /**
   * {@code error} rewritten to the role's own position, or unchanged when it holds none or the
   * position lies before every query.
   */
  static String explain(PromqlBatch batch, String error) {
    Matcher m = POSITION.matcher(error);
    if (!m.find()) {
      return error;
    }
    int offset = offset(batch.promql(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    PromqlBatch.Part part = null;
    for (PromqlBatch.Part p : batch.parts()) {
      if (p.start() <= offset) {
        part = p;
      }
    }
    if (offset < 0 || part == null) {
      return error;
    }
    String query = batch.promql().substring(part.start(), part.end());
    if (offset > part.end()) {
      // An unclosed parenthesis or a dangling operator runs into the text that follows the query.
      return "queries." + part.role() + ", at its end: " + m.group(3);
    }
    int at = offset - part.start();
    int lineStart = query.lastIndexOf('\n', at - 1) + 1;
    int lineEnd = query.indexOf('\n', at);
    String line = query.substring(lineStart, lineEnd < 0 ? query.length() : lineEnd);
    long lineNumber = 1 + query.substring(0, at).chars().filter(c -> c == '\n').count();
    return "queries."
        + part.role()
        + ", line "
        + lineNumber
        + ", column "
        + (at - lineStart + 1)
        + ": "
        + m.group(3)
        + " (in: "
        + around(line, at - lineStart)
        + ")";
  }

  /** The line, or the part of a long line around {@code column}, trimmed. */
  private static String around(String line, int column) {
    if (line.length() <= MAX_LINE_SHOWN) {
      return line.strip();
    }
    int from = Math.max(0, Math.min(column - MAX_LINE_SHOWN / 2, line.length() - MAX_LINE_SHOWN));
    int to = from + MAX_LINE_SHOWN;
    return (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "");
  }

  /** The char offset of a 1-based line and byte column in {@code text}; -1 when out of range. */
  private static int offset(String text, int line, int byteColumn) {
    int start = 0;
    for (int l = 1; l < line; l++) {
      start = text.indexOf('\n', start) + 1;
      if (start == 0) {
        return -1;
      }
    }
    int i = start;
    for (int bytes = byteColumn - 1; bytes > 0 && i < text.length(); ) {
      int cp = text.codePointAt(i);
      bytes -= cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += Character.charCount(cp);
    }
    return i;
  }
}
