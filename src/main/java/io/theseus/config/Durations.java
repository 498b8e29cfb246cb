package io.theseus.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Prometheus' notation ({@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}). */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses a duration, or empty when the text is not in the notation or overflows. */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(text);
      while (part.find()) {
        total = total.plus(unit(Long.parseLong(part.group(1)), part.group(2)));
      }
      return Optional.of(total);
    } catch (ArithmeticException | NumberFormatException overflow) {
      return Optional.empty();
    }
  }

  /**
   * Formats in the same notation, as PromQL range selectors accept it ({@code 90s}, {@code
   * 1500ms}).
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  private static Duration unit(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
