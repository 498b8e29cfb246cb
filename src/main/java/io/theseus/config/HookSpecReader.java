package io.theseus.config;

import io.theseus.config.ConfigNode.Scalar;
import io.theseus.config.ConfigNode.ScalarType;
import io.theseus.config.ConfigNode.Sequence;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one entry of an analysis config's {@code hooks} list. */
final class HookSpecReader {

  /** The hook types, as written in YAML ({@code http-probe}, {@code webhook}, {@code command}). */
  enum HookType {
    HTTP_PROBE,
    WEBHOOK,
    COMMAND
  }

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private HookSpecReader() {}

  static Optional<HookSpec> read(MappingFields fields, String path) {
    fields.required("name", "a name like smoke");
    Optional<String> name = fields.text("name");
    fields.required("type", MappingFields.choices(HookType.class));
    HookType type = fields.choice("type", HookType.class, null);
    HookStage stage = fields.choice("stage", HookStage.class, HookStage.SMOKE);
    Duration timeout = fields.duration("timeout", DEFAULT_TIMEOUT);
    HookSpec hook =
        type == null
            ? null
            : switch (type) {
              case HTTP_PROBE ->
                  new HookSpec.HttpProbe(
                      name.orElse(""),
                      stage,
                      timeout,
                      fields.text("path").filter(p -> checkPath(fields, p)).orElse("/"),
                      (int) fields.integer("requests", 10, 1, 10_000),
                      (int) fields.integer("expectStatus", 200, 100, 599),
                      fields.duration("maxLatency", Duration.ofSeconds(1)),
                      tolerance(fields, stage));
              case WEBHOOK ->
                  new HookSpec.Webhook(
                      name.orElse(""),
                      stage,
                      timeout,
                      url(fields),
                      (int) fields.integer("retries", 2, 0, 10));
              case COMMAND ->
                  new HookSpec.Command(name.orElse(""), stage, timeout, command(fields));
            };
    fields.rejectUnknownKeys();
    return name.isPresent() ? Optional.ofNullable(hook) : Optional.empty();
  }

  /** A performance probe's tolerance, in milliseconds of p95 latency; the default when unset. */
  private static Tolerance tolerance(MappingFields fields, HookStage stage) {
    Optional<ConfigNode> node = fields.get("tolerance");
    if (node.isPresent() && stage != HookStage.PERFORMANCE) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("tolerance"),
              "applies to stage: performance only (remove it or set stage: performance)");
      return HookSpec.HttpProbe.DEFAULT_TOLERANCE;
    }
    Tolerance read = node.isPresent() ? ToleranceReader.read(fields, "milliseconds") : null;
    return read == null ? HookSpec.HttpProbe.DEFAULT_TOLERANCE : read;
  }

  private static boolean checkPath(MappingFields fields, String path) {
    if (path.startsWith("/") && !path.contains(" ")) {
      return true;
    }
    fields
        .problems()
        .add(
            fields.get("path").orElseThrow(),
            fields.path("path"),
            "'" + path + "' is not a request path (allowed: a path starting with /)");
    return false;
  }

  private static String url(MappingFields fields) {
    Optional<ConfigNode> node = fields.required("url", "an http or https URL");
    String url = fields.text("url").orElse("");
    if (node.isPresent() && !url.isEmpty() && !isHttpUrl(url)) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("url"),
              "'" + url + "' is not an absolute URL (allowed: http://... or https://...)");
    }
    return url;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static List<String> command(MappingFields fields) {
    Optional<ConfigNode> node = fields.required("command", "a list of program and arguments");
    List<String> command = new ArrayList<>();
    if (node.isEmpty()) {
      return command;
    }
    if (!(node.get() instanceof Sequence seq) || seq.items().isEmpty()) {
      fields
          .problems()
          .add(
              node.get(),
              fields.path("command"),
              "is "
                  + node.get().describe()
                  + " (allowed: a non-empty list like [./smoke.sh, --fast])");
      return command;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      ConfigNode item = seq.items().get(i);
      if (item instanceof Scalar s && s.type() != ScalarType.NULL) {
        command.add(s.text());
      } else {
        fields
            .problems()
            .add(
                item,
                fields.path("command") + "[" + i + "]",
                "is " + item.describe() + " (allowed: text)");
      }
    }
    return command;
  }
}
