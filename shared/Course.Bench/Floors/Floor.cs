using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Course.Cli;

namespace Course.Bench;

/// <summary>What a floor does: see floor.c, which has all three.</summary>
public enum FloorKind
{
    /// <summary>One client at a time; every byte comes straight back (chapter 01's echo, with nothing else).</summary>
    PingPong,
    /// <summary>Every whole line from one client goes to every other client (chapter 02's relay, chapter 04's broadcast).</summary>
    Relay,
    /// <summary>On a fixed schedule, a message of a given size to every client (chapter 05's tick broadcast).</summary>
    Ticker,
}

/// <summary>
/// The floor of a bench: the least the same exchange costs on this machine, in a process of its own, so
/// that a figure of ours is read as a ratio to it, measured in the same run. Written in C and built at
/// bench time where a C compiler is found (no runtime, no JIT, no garbage collector: the truest floor),
/// else the same program in C# (this program's hidden <c>floor</c> verb, <see cref="FloorVerb"/>).
/// </summary>
public sealed class Floor : IAsyncDisposable
{
    private Floor(ChildProgram program, IPEndPoint endPoint, string description)
    {
        Program = program;
        EndPoint = endPoint;
        Description = description;
    }

    public ChildProgram Program { get; }
    public IPEndPoint EndPoint { get; }

    /// <summary>"a C program built with /usr/bin/cc" or "C# (no C compiler found)": printed with the figures.</summary>
    public string Description { get; }

    /// <summary>Starts the floor of <paramref name="kind"/> in its own process, on <paramref name="cores"/> where pinning works.</summary>
    /// <param name="language">auto, c or dotnet: the bench's <c>--floor</c> option (<see cref="FloorVerb.Option"/>).</param>
    /// <param name="arguments">The ticker's period in microseconds and message size in bytes; nothing for the others.</param>
    public static async Task<Floor> StartAsync(string language, FloorKind kind, IReadOnlyList<long> arguments, string? cores)
    {
        string word = kind.ToString().ToLowerInvariant();
        string[] rest = [.. arguments.Select(a => a.ToString(CultureInfo.InvariantCulture))];
        string? compiler = language == "dotnet" ? null : CCompiler();
        if (language == "c" && compiler is null)
            throw new UserError("--floor c needs a C compiler on this machine (cc, gcc or clang on the PATH, Linux): install one, or use --floor dotnet.", ExitCodes.Usage);

        ChildProgram program;
        string description;
        if (compiler is not null)
        {
            program = ChildProgram.StartProgram(Build(compiler), [word, .. rest], cores);
            description = $"a C program built with {compiler}";
        }
        else
        {
            string[] options = kind == FloorKind.Ticker ? ["--period-us", rest[0], "--bytes", rest[1]] : [];
            program = ChildProgram.Start(["floor", word, .. options], cores);
            description = language == "dotnet" ? "C# (--floor dotnet)" : "C# (no C compiler found)";
        }
        int port = await program.PortAfter("listening on", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return new Floor(program, new IPEndPoint(IPAddress.Loopback, port), description);
    }

    public ValueTask DisposeAsync() => Program.DisposeAsync();

    /// <summary>cc, gcc or clang from the PATH, on Linux (the C floor uses epoll); null when there is none.</summary>
    public static string? CCompiler()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (string name in new[] { "cc", "gcc", "clang" })
                if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }

    private static readonly Lock BuildGate = new();

    /// <summary>
    /// Compiles floor.c (shipped next to this program) once per version of its source, into the temporary
    /// folder, and returns the program's path. Built under a temporary name and moved into place, so two
    /// benches building at once never run a half-written file.
    /// </summary>
    private static string Build(string compiler)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "floors", "floor.c");
        if (!File.Exists(source)) throw new InvalidOperationException($"{source} is missing: Course.Bench ships it next to the program");
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..12].ToLowerInvariant();
        string program = Path.Combine(Path.GetTempPath(), $"course-floor-{hash}");
        lock (BuildGate)
        {
            if (File.Exists(program)) return program;
            string building = $"{program}.{Environment.ProcessId}.building";
            using var cc = Process.Start(new ProcessStartInfo(compiler, ["-O2", "-o", building, source])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException($"could not start {compiler}");
            string errors = cc.StandardError.ReadToEnd();
            cc.StandardOutput.ReadToEnd();
            if (!cc.WaitForExit(120_000) || cc.ExitCode != 0)
                throw new UserError($"{compiler} could not build the floor ({source}): {errors.Trim()}; --floor dotnet uses the C# one instead.");
            File.Move(building, program, overwrite: true);
            return program;
        }
    }
}
