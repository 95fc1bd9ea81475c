using System.Runtime.InteropServices;

namespace Serializer.Bench;

/// <summary>
/// What a reader needs to judge the figures: the command that made them, the machine, and how busy it was.
/// On a machine shared with other programs the load average (processes wanting a core, averaged over
/// 1, 5 and 15 minutes) says how much of the time was really ours.
/// </summary>
internal static class Machine
{
#if DEBUG
    private const string Configuration = "";
#else
    private const string Configuration = " -c Release";
#endif

    /// <summary>The command as a reader would type it: without <c>--chart-data FILE</c>, which only hands the figures to the chart program.</summary>
    public static string Command(IReadOnlyList<string> arguments)
    {
        var typed = new List<string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--chart-data") { i++; continue; }
            if (!arguments[i].StartsWith("--chart-data=", StringComparison.Ordinal)) typed.Add(arguments[i]);
        }
        return $"dotnet run{Configuration} --project chapters/03-serializer -- {string.Join(' ', typed)}";
    }

    public static string Description() =>
        $"{Environment.ProcessorCount} CPU cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"
#if DEBUG
        + " (a Debug build: its figures say little)"
#endif
        ;

    /// <summary>The 1, 5 and 15 minute load averages, as Linux gives them.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])
        : "unknown (no /proc/loadavg on this system)";
}
