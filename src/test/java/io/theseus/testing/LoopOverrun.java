package io.theseus.testing;

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
 * was logged, and the judgement whether it caught the event loop blocking.
 *
 * <p>Vert.x measures wall time, so on a loaded shared 2-core machine a loop merely waiting for a
 * CPU (or paused by GC) overruns 100 ms inside trivial code. Blocking looks different: a blocking
 * call (sleep, wait, park, file, socket or process I/O) near the top of the stack sample, or the
 * thread parked or waiting on a lock inside Theseus code. The JVM loading a class (it reads the
 * jar) happens once per class and is not Theseus blocking. A socket write of Netty's is not
 * blocking either, although JDK 17 performs it in {@code FileDispatcherImpl}: that class is
 * therefore not among the blocking calls (file I/O is caught by its callers).
 *
 * @param message the checker's message
 * @param state the blocked thread's state when the warning was logged (RUNNABLE if not found)
 * @param blockingFrame the first blocking call among the sample's top frames, empty when none
 * @param theseusFrame the first Theseus frame of the sample, empty when none
 * @param classLoading whether the sample is inside the JVM loading a class
 */
record LoopOverrun(
    String message,
    Thread.State state,
    String blockingFrame,
    String theseusFrame,
    boolean classLoading) {

  private static final Pattern BLOCKED = Pattern.compile("Thread (\\S+) has been blocked for");
  private static final Set<Thread.State> WAITING =
      EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);
  private static final int TOP_FRAMES = 8;
  private static final List<String> BLOCKING_CALLS =
      List.of(
          "java.lang.Thread.sleep",
          "java.lang.Object.wait",
          "jdk.internal.misc.Unsafe.park",
          "java.io.FileInputStream.read",
          "java.io.FileOutputStream.write",
          "java.io.RandomAccessFile",
          "sun.nio.ch.FileChannelImpl",
          "sun.nio.fs.UnixNativeDispatcher",
          "java.lang.ProcessImpl",
          "java.lang.ProcessHandleImpl",
          "sun.nio.ch.NioSocketImpl",
          "java.net.SocketInputStream",
          "java.util.concurrent.CompletableFuture.get");

  /** Reads the warning; call it from the appender, while the thread may still be blocked. */
  static LoopOverrun capture(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    Matcher m = BLOCKED.matcher(message);
    Thread.State state = m.find() ? stateOf(m.group(1)) : Thread.State.RUNNABLE;
    List<StackTraceElement> frames = frames(event.getThrowableProxy());
    return new LoopOverrun(
        message,
        state,
        frames.stream()
            .limit(TOP_FRAMES)
            .map(f -> f.getClassName() + "." + f.getMethodName())
            .filter(f -> BLOCKING_CALLS.stream().anyMatch(f::startsWith))
            .findFirst()
            .orElse(""),
        frames.stream()
            .filter(f -> f.getClassName().startsWith("io.theseus."))
            .map(StackTraceElement::toString)
            .findFirst()
            .orElse(""),
        frames.stream().anyMatch(LoopOverrun::loadsClass));
  }

  /** Whether this caught the event loop blocking (see the type's comment). */
  boolean blocking() {
    boolean parkedInTheseus = WAITING.contains(state) && !theseusFrame.isEmpty();
    return !classLoading && (!blockingFrame.isEmpty() || parkedInTheseus);
  }

  @Override
  public String toString() {
    String where = blockingFrame.isEmpty() ? theseusFrame : blockingFrame;
    return message + " [" + state + "] at " + where;
  }

  private static boolean loadsClass(StackTraceElement frame) {
    return frame.getClassName().startsWith("jdk.internal.loader.")
        || (frame.getClassName().equals("java.lang.ClassLoader")
            && frame.getMethodName().equals("loadClass"));
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
