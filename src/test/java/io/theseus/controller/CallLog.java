package io.theseus.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The order in which the fakes saw port calls, shared by all of them in one test. */
final class CallLog {

  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  synchronized List<String> all() {
    return List.copyOf(calls);
  }

  /** The calls after the first one matching {@code from}, that one included. */
  synchronized List<String> from(Predicate<String> from) {
    for (int i = 0; i < calls.size(); i++) {
      if (from.test(calls.get(i))) {
        return List.copyOf(calls.subList(i, calls.size()));
      }
    }
    return List.of();
  }

  /** Index of the first call matching, or -1. */
  synchronized int indexOf(Predicate<String> call) {
    for (int i = 0; i < calls.size(); i++) {
      if (call.test(calls.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
