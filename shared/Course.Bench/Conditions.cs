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

    /// <summary>
    /// The command as the user typed it, from the program's arguments (the verb first), without
    /// <c>--chart-data FILE</c>: the figures are the same with or without it.
    /// </summary>
    public static string Command(string project) => Command(project, Environment.GetCommandLineArgs()[1..]);

    /// <inheritdoc cref="Command(string)"/>
    public static string Command(string project, IReadOnlyList<string> args)
    {
        var typed = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--chart-data") { i++; continue; }
            if (args[i].StartsWith("--chart-data=", StringComparison.Ordinal)) continue;
            typed.Add(args[i].Contains(' ', StringComparison.Ordinal) ? $"\"{args[i]}\"" : args[i]);
        }
        return $"dotnet run -c Release --project {project} -- {string.Join(' ', typed)}";
    }
}
