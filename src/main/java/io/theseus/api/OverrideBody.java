package io.theseus.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.theseus.rollout.OverrideAction;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of {@code POST .../override}, parsed strictly: exactly one JSON object with the string
 * fields {@code action} and {@code reason}, nothing else. Parsing streams token by token and stops
 * at the first fault, so hostile bodies (deep nesting, duplicate keys, invalid UTF-8) cost little.
 * Duplicate keys are caught here rather than by Jackson's duplicate detection so the error names
 * the field.
 *
 * @param action the override asked for
 * @param reason why, trimmed, 1 to {@link #MAX_REASON} characters
 */
public record OverrideBody(OverrideAction action, String reason) {

  /** The largest body accepted, in bytes. */
  public static final int MAX_BYTES = 16 * 1024;

  /** The longest reason accepted, in characters. */
  public static final int MAX_REASON = 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(8)
                  .maxStringLength(MAX_BYTES)
                  .maxNumberLength(64)
                  .build())
          .build();

  private static final String ACTIONS =
      Arrays.stream(OverrideAction.values())
          .map(OverrideAction::wire)
          .collect(Collectors.joining(", "));

  /**
   * Parses a body.
   *
   * @throws ApiException (400) naming the field at fault ({@code body} when it is not one JSON
   *     object)
   */
  public static OverrideBody parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw ApiException.badRequest("body", "over " + MAX_BYTES + " bytes");
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("body", "must be a JSON object {\"action\", \"reason\"}");
      }
      Map<String, String> fields = fields(parser);
      if (parser.nextToken() != null) {
        throw ApiException.badRequest("body", "must hold one JSON object and nothing after it");
      }
      return of("action", fields.get("action"), "reason", fields.get("reason"));
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("body", "nested too deeply or too long");
    } catch (IOException e) {
      throw ApiException.badRequest("body", "not valid JSON in UTF-8: " + firstLine(e));
    }
  }

  /**
   * Checks an action and a reason given some other way than a JSON body (the kubectl annotations)
   * by the same rules as a body's fields.
   *
   * @param actionField what to call the action in an error ({@code theseus.io/override})
   * @param action the action as given, or null when missing
   * @param reasonField what to call the reason in an error
   * @param reason the reason as given, or null when missing
   * @throws ApiException (400) naming the field at fault, the action's first
   */
  public static OverrideBody of(
      String actionField, String action, String reasonField, String reason) {
    return new OverrideBody(action(actionField, action), reason(reasonField, reason));
  }

  /** The object's fields up to its end: only action and reason, each once, each a string. */
  private static Map<String, String> fields(JsonParser parser) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String field = parser.currentName();
      if (!field.equals("action") && !field.equals("reason")) {
        throw ApiException.badRequest(field, "unknown field (allowed: action, reason)");
      }
      if (fields.containsKey(field)) {
        throw ApiException.badRequest(field, "given twice (duplicate key)");
      }
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw ApiException.badRequest(field, "must be a string");
      }
      fields.put(field, parser.getText());
    }
    return fields;
  }

  private static OverrideAction action(String field, String action) {
    if (action == null) {
      throw ApiException.badRequest(field, "missing (allowed: " + ACTIONS + ")");
    }
    return OverrideAction.parse(action)
        .orElseThrow(
            () -> ApiException.badRequest(field, "unknown action (allowed: " + ACTIONS + ")"));
  }

  private static String reason(String field, String reason) {
    if (reason == null) {
      throw ApiException.badRequest(field, "missing: say why you override");
    }
    String trimmed = reason.strip();
    if (trimmed.isEmpty()) {
      throw ApiException.badRequest(field, "must not be empty");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON) {
      throw ApiException.badRequest(field, "over " + MAX_REASON + " characters");
    }
    // The reason reaches terminals, logs, Events and annotations: no line breaks or escapes there.
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest(
          field, "must not contain control characters (allowed: one line of text)");
    }
    return trimmed;
  }

  /** The parser's message without its source excerpt, which would echo the caller's bytes. */
  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }
}
