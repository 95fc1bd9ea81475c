using System.Diagnostics;

namespace Offloading.Offload;

/// <summary>
/// How to start the worker: this very program, with the hidden <c>worker</c> verb. Under <c>dotnet run</c>
/// the program is an apphost (<c>offloading</c>) next to <c>offloading.dll</c>; inside a test runner the
/// running process is <c>dotnet</c> itself, so there the dll is started through the dotnet host.
/// </summary>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    public static WorkerLaunch ThisProgram(params string[] extraArguments) => ThisProgramAs("worker", extraArguments);

    /// <summary>This program with another verb: the scale demo starts its servers this way.</summary>
    public static WorkerLaunch ThisProgramAs(string verb, params string[] arguments)
    {
        string dll = typeof(WorkerLaunch).Assembly.Location;
        string apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost)) return new WorkerLaunch(apphost, [verb, .. arguments]);
        string dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new WorkerLaunch(dotnet, [dll, verb, .. arguments]);
    }

    public ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // Standard error is NOT redirected: the worker's complaints go straight to the server's terminal.
            UseShellExecute = false,
        };
        foreach (string argument in Arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
