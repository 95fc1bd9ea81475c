namespace Course.Testing;

/// <summary>Finds and runs programs from outside the repository (nc, openssl, ...) with a time limit.</summary>
public static class ExternalProgram
{
    /// <summary>True when running under CI (<c>CI=true</c>), where every needed program must be installed.</summary>
    public static bool OnCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program)) return File.Exists(program) ? program : null;
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        // On Windows "nc" is found as nc.exe (or another extension listed in PATHEXT), as a shell would.
        string[] extensions = OperatingSystem.IsWindows() && !Path.HasExtension(program)
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(folder, program + extension);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>What a finished program printed and returned.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>
    /// Runs <paramref name="program"/>, writes <paramref name="input"/> to its standard input and closes it,
    /// and waits for it to exit. Kills it (and fails) if it runs past <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string input, TimeSpan timeout)
    {
        await using RunningProcess process = RunningProcess.Start(program, [.. arguments]);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        int exitCode = await process.WaitForExitAsync(timeout);
        return new Result(exitCode, process.StandardOutput, process.StandardError);
    }
}
