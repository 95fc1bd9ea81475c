using Course.Cli;
using Offloading.Ai;

namespace Offloading.Offload;

/// <summary>Makes the plan source for a mode: the one place the three modes differ.</summary>
public static class PlanSources
{
    /// <summary>How long the worker may take for one plan before it counts as hung.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(2);

    public static IPlanSource Create(OffloadMode mode, Func<IPlanner> planner, WorkerLaunch worker, TimeSpan deadline, Log log) => mode switch
    {
        OffloadMode.None => new InlinePlans(planner()),
        OffloadMode.Thread => new ThreadPlans(planner(), log),
        _ => new ProcessPlans(worker, deadline, log),
    };
}
