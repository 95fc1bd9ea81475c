using System.Globalization;

namespace Course.Bench;

/// <summary>
/// What a figure was measured under, printed with it: cores, load average at the start and at the end,
/// the command. On a shared machine other jobs take their share of the cores, and a reader must see that.
/// </summary>
public static class Conditions
{
    /// <summary>The 1-minute load average, or null where the system does not say (not Linux).</summary>
    public static double? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
                : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>"2 cores, load average 0.42" (or without the load where unknown).</summary>
    public static string Now() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores{(LoadAverage() is { } load ? $", load average {load:F2}" : "")}");

    /// <summary>The command as the user typed it (the program's arguments after the verb).</summary>
    public static string Command(string project, IEnumerable<string> args) =>
        $"dotnet run -c Release --project {project} -- {string.Join(' ', args)}";
}
