package io.theseus.playground;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One warning of Vert.x's blocked-thread checker, with the blocked thread's state captured when it
 * was logged, and the judgement whether it caught Theseus code blocking.
 *
 * <p>Vert.x measures wall time, so on a loaded shared 2-core machine a thread merely waiting for a
 * CPU (or paused by GC) overruns 100 ms inside trivial calls. What blocking looks like instead: the
 * thread parked, sleeping or waiting on a lock (state not RUNNABLE), in file I/O, or computing for
 * a whole second. A warning counts only when it also shows Theseus code (main or test) on the
 * stack.
 *
 * @param message the checker's message
 * @param blockedMs how long the thread had been blocked, per the message
 * @param state the blocked thread's state when the warning was logged (RUNNABLE if not found)
 * @param theseusFrame the first Theseus frame of the stack sample, empty when none
 * @param topFrame the sample's top frame
 * @param classLoading whether the sample is inside the JVM loading a class (reading the jar is file
 *     I/O of the JVM's, not of Theseus code, and happens once per class)
 */
record BlockedThreadWarning(
    String message,
    long blockedMs,
    Thread.State state,
    String theseusFrame,
    String topFrame,
    boolean classLoading) {

  private static final Pattern BLOCKED =
      Pattern.compile("Thread (\\S+) has been blocked for (\\d+) ms");
  private static final Set<Thread.State> WAITING =
      EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);
  private static final List<String> FILE_IO =
      List.of("sun.nio.ch.FileDispatcherImpl", "java.io.File", "java.io.RandomAccessFile");
  private static final long CPU_BOUND_MS = 1_000;

  /** Reads the warning; call it from the appender, while the thread may still be blocked. */
  static BlockedThreadWarning capture(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    Matcher m = BLOCKED.matcher(message);
    boolean parsed = m.find();
    Thread.State state = parsed ? stateOf(m.group(1)) : Thread.State.RUNNABLE;
    List<StackTraceElement> frames = frames(event.getThrowableProxy());
    return new BlockedThreadWarning(
        message,
        parsed ? Long.parseLong(m.group(2)) : Long.MAX_VALUE,
        state,
        frames.stream()
            .filter(f -> f.getClassName().startsWith("io.theseus."))
            .map(StackTraceElement::toString)
            .findFirst()
            .orElse(""),
        frames.isEmpty() ? "" : frames.get(0).getClassName(),
        frames.stream().anyMatch(BlockedThreadWarning::loadsClass));
  }

  private static boolean loadsClass(StackTraceElement frame) {
    return frame.getClassName().startsWith("jdk.internal.loader.")
        || (frame.getClassName().equals("java.lang.ClassLoader")
            && frame.getMethodName().equals("loadClass"));
  }

  /** Whether this caught Theseus code really blocking (see the type's comment). */
  boolean showsBlockingCode() {
    boolean waiting = WAITING.contains(state);
    boolean fileIo = !classLoading && FILE_IO.stream().anyMatch(topFrame::startsWith);
    return !theseusFrame.isEmpty() && (waiting || fileIo || blockedMs >= CPU_BOUND_MS);
  }

  @Override
  public String toString() {
    return message + " [" + state + "] at " + theseusFrame;
  }

  private static Thread.State stateOf(String threadName) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(threadName))
        .map(Thread::getState)
        .filter(WAITING::contains)
        .findFirst()
        .orElse(Thread.State.RUNNABLE);
  }

  private static List<StackTraceElement> frames(IThrowableProxy sample) {
    if (sample == null) {
      return List.of();
    }
    return Arrays.stream(sample.getStackTraceElementProxyArray())
        .map(StackTraceElementProxy::getStackTraceElement)
        .toList();
  }
}
