using System.Collections.Concurrent;
using Course.Testing;

namespace Netcode.Tests.Interop;

/// <summary>
/// Finds a Python that can import PyGaSe with a given msgpack encoder, for the interop tests. PyGaSe is never
/// part of this repository: it is either installed (<c>import pygase</c> works) or a folder named by
/// <c>PYGASE_SRC</c> (CI points it at <c>../shared/vendor/pygase</c>, PyGaSe 0.3.1 unchanged). The
/// interpreter is <c>PYGASE_PYTHON</c> if set, else <c>python3</c> on PATH.
/// </summary>
public static class PyGaSe
{
    private static readonly ConcurrentDictionary<string, (string? Python, string Why)> s_found = new();

    /// <summary>The interpreter that imports PyGaSe with <paramref name="encoder"/>, or null.</summary>
    public static string? Python(string encoder) => Find(encoder).Python;

    /// <summary>Why there is none: what to install or set, in one line.</summary>
    public static string Hint(string encoder) => Find(encoder).Why;

    /// <summary>One of our scripts in Interop/, copied next to the test assembly.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", name);

    private static (string? Python, string Why) Find(string encoder) => s_found.GetOrAdd(encoder, Locate);

    private static (string?, string) Locate(string encoder)
    {
        string why = "needs PyGaSe: set PYGASE_SRC to a PyGaSe 0.3.1 folder (in this course: ../shared/vendor/pygase) " +
                     "and PYGASE_PYTHON to a python3 with Debian's python3-u-msgpack and python3-msgpack";
        string[] candidates = [Environment.GetEnvironmentVariable("PYGASE_PYTHON") ?? "", "python3"];
        foreach (string candidate in candidates.Where(c => c.Length > 0))
        {
            if (ExternalProgram.Find(candidate) is not { } path) continue;
            try
            {
                ExternalProgram.Result check = ExternalProgram
                    .RunAsync(path, [Script("find_pygase.py"), encoder], "", TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                if (check.ExitCode == 0) return (path, "");
                if (check.ExitCode == 4) why = check.StandardOutput.Trim(); // PyGaSe is there, this encoder is not
            }
            catch (TimeoutException) { }
        }
        return (null, why);
    }
}

/// <summary>
/// A fact that runs real PyGaSe processes with one msgpack encoder. Where PyGaSe or that encoder cannot be
/// found it is skipped with a one-line hint; under <c>CI=true</c> it runs (and fails, saying what is
/// missing): <c>.ci/run</c> points PYGASE_SRC at the vendored PyGaSe and installs both encoders.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsPyGaSeFactAttribute : FactAttribute
{
    public NeedsPyGaSeFactAttribute(string encoder)
    {
        if (PyGaSe.Python(encoder) is null && !ExternalProgram.OnCi) Skip = PyGaSe.Hint(encoder);
    }
}
