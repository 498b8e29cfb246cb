package io.theseus.config;

/**
 * One thing wrong with a config file, located precisely enough for an editor to jump to it.
 *
 * @param file the file as the user named it
 * @param line 1-based line
 * @param column 1-based column
 * @param field path of the field, e.g. {@code metrics[0].tolerance.relative}, or {@code (root)}
 * @param message what is wrong, then what is allowed in parentheses
 */
public record ConfigProblem(String file, int line, int column, String field, String message) {

  /** The one-line form {@code file:line:column: field.path: what is wrong (what is allowed)}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + field + ": " + message;
  }
}
