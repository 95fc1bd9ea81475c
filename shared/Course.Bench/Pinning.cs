using System.Diagnostics;
using System.Globalization;

namespace Course.Bench;

/// <summary>
/// Whether processes can be pinned to cores here (Linux with util-linux's taskset), and pinning this one.
/// On a virtual machine a message between two threads on two cores sometimes waits for a sleeping core to
/// wake (hundreds of microseconds) and sometimes not; pinned, the figures repeat from run to run.
/// </summary>
public static class Pinning
{
    public static bool Available { get; } = OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset");

    /// <summary>The cores this process may run on now ("0-1"), or null where that cannot be read.</summary>
    public static string? AllowedCores()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status")) return null;
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)) return line["Cpus_allowed_list:".Length..].Trim();
        return null;
    }

    /// <summary>The lowest core this process may run on (0 unless a container or taskset says otherwise).</summary>
    public static int FirstAllowedCore()
    {
        string? allowed = AllowedCores();
        if (allowed is null) return 0;
        string first = allowed.Split(',')[0].Split('-')[0];
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out int core) ? core : 0;
    }

    /// <summary>
    /// Pins every thread of this process to <paramref name="cores"/> ("1", "0-1"); threads started later
    /// inherit it from the thread that starts them. False where it cannot (no taskset, not allowed).
    /// </summary>
    /// <remarks>
    /// Not <c>Process.ProcessorAffinity</c>: on Linux that pins only the main thread, and a bench's
    /// measuring loop usually runs on another one.
    /// </remarks>
    public static bool PinThisProcess(string cores)
    {
        if (!Available) return false;
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cores, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (taskset is null) return false;
        taskset.StandardOutput.ReadToEnd();
        taskset.StandardError.ReadToEnd();
        return taskset.WaitForExit(5000) && taskset.ExitCode == 0;
    }
}
