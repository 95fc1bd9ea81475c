using System.Diagnostics;
using System.Text;

namespace Course.Classroom.Running;

/// <summary>What a finished (or stopped) program printed and how it ended.</summary>
public sealed record ChildResult(int ExitCode, string Output, bool TimedOut, TimeSpan Took)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The last lines of the output, for an error message that fits on a screen.</summary>
    public string Tail(int lines = 30) => string.Join('\n', Output.Split('\n').TakeLast(lines));
}

/// <summary>
/// Runs a program (dotnet, git) to its end or to a deadline, whichever comes first, and then kills it
/// with everything it started. Nothing the grader or the proof starts can outlive the bound they print.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close(); // nothing we run may wait for a keyboard
        Task pumping = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancel.IsCancellationRequested;
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it ended by itself meanwhile */ }
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        // A grandchild that kept the pipes open (a test server) must not hold us past the bound either.
        await Task.WhenAny(pumping, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
        cancel.ThrowIfCancellationRequested();
        lock (output) return new ChildResult(process.ExitCode, output.ToString(), timedOut, clock.Elapsed);
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (into) into.Append(line).Append('\n');
    }
}
