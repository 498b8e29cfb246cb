package io.theseus.daemon;

import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutPorts;
import io.theseus.kube.CanaryRolloutResource;
import io.theseus.rollout.CanaryRef;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the {@link RolloutSupervisor} works through.
 *
 * @param list reads the CanaryRollouts to handle
 * @param specs turns a CanaryRollout into a plan
 * @param rolloutPorts the engine's ports for one rollout (its router and workloads follow its spec)
 * @param listeners told after every tick of that rollout
 * @param rejectSpec marks a rollout with an invalid spec Failed, listing the problems
 * @param resyncPeriod how often the list is re-read
 * @param annotations the kubectl override path, built on the supervisor's own {@link Overrides}
 */
public record SupervisorPorts(
    Supplier<Future<List<CanaryRolloutResource>>> list,
    RolloutSpecs specs,
    Function<RolloutPlan, RolloutPorts> rolloutPorts,
    Function<RolloutPlan, List<RolloutListener>> listeners,
    BiFunction<CanaryRef, List<String>, Future<Void>> rejectSpec,
    Duration resyncPeriod,
    Function<Overrides, AnnotationOverrides> annotations) {}
