using Course.Testing;

namespace Netcode.Tests.Interop;

/// <summary>
/// Finds a Python that can import PyGaSe, for the interop tests. PyGaSe is never part of this repository:
/// it is either installed (<c>import pygase</c> works) or a checkout named by <c>PYGASE_SRC</c>. The
/// interpreter is <c>PYGASE_PYTHON</c> if set, else <c>python3</c> on PATH; it needs u-msgpack or msgpack.
/// </summary>
public static class PyGaSe
{
    public const string Hint =
        "needs PyGaSe: `git clone https://github.com/sbischoff-ai/pygase` and set PYGASE_SRC to the clone " +
        "(and PYGASE_PYTHON to a python3 with msgpack or u-msgpack, e.g. Debian's python3-msgpack)";

    private static readonly Lazy<string?> s_python = new(Locate);

    /// <summary>The interpreter that imports PyGaSe, or null.</summary>
    public static string? Python => s_python.Value;

    /// <summary>One of our scripts in Interop/, copied next to the test assembly.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", name);

    private static string? Locate()
    {
        string[] candidates = [Environment.GetEnvironmentVariable("PYGASE_PYTHON") ?? "", "python3"];
        foreach (string candidate in candidates.Where(c => c.Length > 0))
        {
            if (ExternalProgram.Find(candidate) is not { } path) continue;
            try
            {
                ExternalProgram.Result check = ExternalProgram
                    .RunAsync(path, [Script("find_pygase.py")], "", TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                if (check.ExitCode == 0) return path;
            }
            catch (TimeoutException) { }
        }
        return null;
    }
}

/// <summary>
/// A theory that runs real PyGaSe processes. Where PyGaSe cannot be found it is skipped with a one-line
/// hint, ALSO under <c>CI=true</c>: the one exception to the course's rule that CI fails on a missing
/// program. PyGaSe is someone else's code that this repository must not vendor or download, and CI runs on a
/// clean clone without PyPI, so CI cannot install it; these tests run wherever a developer points
/// <c>PYGASE_SRC</c> at a checkout.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsPyGaSeTheoryAttribute : TheoryAttribute
{
    public NeedsPyGaSeTheoryAttribute()
    {
        if (PyGaSe.Python is null) Skip = PyGaSe.Hint;
    }
}
