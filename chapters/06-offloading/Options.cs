using System.CommandLine;
using Course.Cli;
using Offloading.Offload;

namespace Offloading;

/// <summary>Options more than one verb of this chapter uses.</summary>
internal static class Options
{
    public static Option<OffloadMode> Offload() =>
        Choice.Of("--offload", "Where the planner runs: none (inside the tick), thread, or process", OffloadMode.Thread);

    public static Option<int> Size(string name, int defaultValue) =>
        Ranged.Between(name, $"Grid {name.TrimStart('-')} in cells", defaultValue, 10, 400);
}
