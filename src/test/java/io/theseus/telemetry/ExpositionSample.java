package io.theseus.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample line of the Prometheus text format, parsed independently of client_java so tests check
 * what a scraper would read.
 *
 * @param name the sample's metric name (with its _bucket/_count/_sum suffix)
 * @param labels its labels, in line order
 * @param value its value
 */
public record ExpositionSample(String name, Map<String, String> labels, double value) {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Every sample line of an exposition, comments skipped. */
  public static List<ExpositionSample> parse(String exposition) {
    return exposition
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(ExpositionSample::parseLine)
        .toList();
  }

  /** The sample lines of one sample name (e.g. {@code istio_requests_total}), others skipped. */
  public static List<ExpositionSample> parse(String exposition, String name) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(ExpositionSample::parseLine)
        .toList();
  }

  /** The label's value; fails when absent. */
  public String label(String name) {
    String value = labels.get(name);
    if (value == null) {
      throw new AssertionError(name + " missing from " + labels);
    }
    return value;
  }

  private static ExpositionSample parseLine(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new AssertionError("not a sample line: " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (m.group(2) != null) {
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
    }
    String raw = m.group(3);
    double value = "+Inf".equals(raw) ? Double.POSITIVE_INFINITY : Double.parseDouble(raw);
    return new ExpositionSample(m.group(1), labels, value);
  }
}
