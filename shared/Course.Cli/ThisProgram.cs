using System.Diagnostics;
using System.Reflection;

namespace Course.Cli;

/// <summary>
/// This same program, started again with other arguments as a child process: the server a bench measures
/// in a process of its own, the worker that plans off the tick, the servers of a scale-out demo. How to
/// start "myself" is no chapter's lesson, and it has one trap, so it is written once, here.
/// </summary>
/// <remarks>
/// The trap: the running process is not always the program. Under <c>dotnet run</c> it is the apphost
/// (<c>./echo</c>, <c>echo.exe</c>) next to <c>echo.dll</c>; started as <c>dotnet echo.dll</c>, or inside a
/// test runner, it is <c>dotnet</c> itself, which needs the dll's path in front of the arguments.
/// </remarks>
public static class ThisProgram
{
    /// <summary>
    /// The file to start and its arguments for <paramref name="program"/> (the chapter's assembly, e.g.
    /// <c>typeof(Bench).Assembly</c>) run with <paramref name="arguments"/>: its apphost where one was built,
    /// otherwise its dll through the dotnet host.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(Assembly program, IEnumerable<string> arguments)
    {
        string dll = program.Location;
        string apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost)) return (apphost, [.. arguments]);
        string dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return (dotnet, [dll, .. arguments]);
    }

    /// <summary>
    /// <see cref="Command"/> as a start, with standard output redirected (a caller reads the port the child
    /// listens on from it) and no shell; the caller redirects what else it needs.
    /// </summary>
    public static ProcessStartInfo StartInfo(Assembly program, IEnumerable<string> arguments)
    {
        var (fileName, all) = Command(program, arguments);
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in all) start.ArgumentList.Add(argument);
        return start;
    }
}
