package io.theseus.daemon;

import io.theseus.controller.Overrides;
import io.theseus.controller.RolloutListener;
import io.theseus.controller.RolloutPorts;
import io.theseus.kube.CanaryRolloutInformer;
import io.theseus.rollout.CanaryRef;
import io.theseus.workload.WorkloadRef;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the {@link RolloutSupervisor} works through.
 *
 * @param rollouts the CanaryRollouts to handle, watched into a cache (the supervisor starts and
 *     stops it)
 * @param templateLabels a Deployment's pod template labels (empty when it does not exist), for the
 *     versions a spec omits
 * @param specs turns a CanaryRollout into a plan
 * @param rolloutPorts the engine's ports for one rollout (its router and workloads follow its spec)
 * @param listeners told after every tick of that rollout
 * @param rejectSpec marks a rollout with an invalid spec Failed, listing the problems
 * @param resyncPeriod how often every cached CanaryRollout is reconciled, events or not
 * @param annotations the kubectl override path, built on the supervisor's own {@link Overrides}
 */
public record SupervisorPorts(
    CanaryRolloutInformer rollouts,
    Function<WorkloadRef, Future<Optional<Map<String, String>>>> templateLabels,
    RolloutSpecs specs,
    Function<RolloutPlan, RolloutPorts> rolloutPorts,
    Function<RolloutPlan, List<RolloutListener>> listeners,
    BiFunction<CanaryRef, List<String>, Future<Void>> rejectSpec,
    Duration resyncPeriod,
    Function<Overrides, AnnotationOverrides> annotations) {}
