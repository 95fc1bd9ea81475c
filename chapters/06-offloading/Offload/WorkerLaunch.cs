using System.Diagnostics;

namespace Offloading.Offload;

/// <summary>
/// How to start the worker: this very program, with the hidden <c>worker</c> verb (<c>ThisProgram</c>, in
/// shared/Course.Cli, knows whether that means the apphost or the dll through dotnet). A test may give
/// any other program instead, to play a worker that misbehaves.
/// </summary>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    public static WorkerLaunch ThisProgram(params string[] extraArguments) => ThisProgramAs("worker", extraArguments);

    /// <summary>This program with another verb: the scale demo starts its servers this way.</summary>
    public static WorkerLaunch ThisProgramAs(string verb, params string[] arguments)
    {
        var (fileName, all) = Course.Cli.ThisProgram.Command(typeof(WorkerLaunch).Assembly, [verb, .. arguments]);
        return new WorkerLaunch(fileName, all);
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
