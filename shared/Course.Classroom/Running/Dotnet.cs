namespace Course.Classroom.Running;

/// <summary>
/// The dotnet commands the tool runs (build, test, sln), each with a deadline. They run in another folder
/// (a scratch copy, a student repository), so nothing of the caller's own build may leak into them.
/// </summary>
public static class Dotnet
{
    /// <summary>
    /// No build servers that outlive the command (a grade must leave nothing running), no telemetry, and
    /// none of the MSBuild variables a surrounding `dotnet test` sets: they point at the caller's build.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(bool ci)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
            // CI=true turns "skip when a program such as nc is missing" into a failure.
            ["CI"] = ci ? "true" : null,
        };
        foreach (string name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && name != "MSBUILDDISABLENODEREUSE"
                || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase))
                environment[name] = null;
        return environment;
    }

    public static string Host =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ChildResult> BuildAsync(string folder, string target, TimeSpan timeout, bool ci, CancellationToken cancel = default) =>
        ChildProcess.RunAsync(Host, ["build", target, "-nologo", "-v", "q", "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false"],
            folder, timeout, Environment(ci), cancel);

    /// <summary>Runs the tests of <paramref name="target"/> (built already), writing one .trx per test project.</summary>
    public static Task<ChildResult> TestAsync(string folder, string target, string resultsFolder, string? filter, TimeSpan timeout,
        bool ci, CancellationToken cancel = default)
    {
        var arguments = new List<string> { "test", target, "--no-build", "-nologo", "--logger", "trx", "--results-directory", resultsFolder };
        if (filter is not null) arguments.AddRange(["--filter", filter]);
        return ChildProcess.RunAsync(Host, arguments, folder, timeout, Environment(ci), cancel);
    }

    /// <summary>Writes a solution file listing exactly <paramref name="projects"/> (relative paths).</summary>
    public static async Task NewSolutionAsync(string folder, string name, IEnumerable<string> projects, CancellationToken cancel = default)
    {
        string file = Path.Combine(folder, name + ".sln");
        if (File.Exists(file)) File.Delete(file);
        ChildResult created = await ChildProcess.RunAsync(Host, ["new", "sln", "--name", name, "--format", "sln", "--output", folder],
            folder, TimeSpan.FromMinutes(2), Environment(ci: false), cancel);
        if (!created.Succeeded) throw new InvalidOperationException($"dotnet new sln failed:\n{created.Tail()}");
        ChildResult added = await ChildProcess.RunAsync(Host, ["sln", name + ".sln", "add", .. projects],
            folder, TimeSpan.FromMinutes(2), Environment(ci: false), cancel);
        if (!added.Succeeded) throw new InvalidOperationException($"dotnet sln add failed:\n{added.Tail()}");
    }

    /// <summary>The first compiler error lines of a failed build, without the noise around them.</summary>
    public static string BuildErrors(ChildResult build, int lines = 5)
    {
        string[] errors = [.. build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(lines)];
        return errors.Length > 0 ? string.Join('\n', errors) : build.Tail(lines);
    }
}
