using System.CommandLine;
using Offloading.Offload;

namespace Offloading;

/// <summary>Options more than one verb of this chapter uses.</summary>
internal static class Options
{
    public static Option<OffloadMode> Offload() => new("--offload")
    {
        Description = "Where the planner runs: none (inside the tick), thread, or process",
        DefaultValueFactory = _ => OffloadMode.Thread,
        // Accept "none" as well as "None".
        CustomParser = r => Enum.TryParse(r.Tokens.Single().Value, ignoreCase: true, out OffloadMode m) ? m
            : Fail(r, $"--offload must be none, thread or process, not '{r.Tokens.Single().Value}'."),
    };

    private static OffloadMode Fail(System.CommandLine.Parsing.ArgumentResult r, string message)
    {
        r.AddError(message);
        return default;
    }

    public static Option<int> Size(string name, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"Grid {name.TrimStart('-')} in cells", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => { if (r.GetValueOrDefault<int>() is not (>= 10 and <= 400)) r.AddError($"{name} must be between 10 and 400."); });
        return option;
    }
}
