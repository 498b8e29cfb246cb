package io.theseus.cli;

/**
 * An evidence file was rejected. The message is one line: {@code file: field.path: what is wrong},
 * naming the tick ({@code ticks[3]}) and field, never a stack trace.
 */
final class EvidenceException extends RuntimeException {

  EvidenceException(String message) {
    super(message);
  }
}
