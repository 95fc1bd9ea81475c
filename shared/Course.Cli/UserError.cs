namespace Course.Cli;

/// <summary>
/// A failure the user caused or can fix (server not running, port in use, bad option). The command-line
/// runner prints its message as one line on standard error and exits with <see cref="ExitCode"/>;
/// anything else that escapes a verb is a bug and keeps its stack trace.
/// </summary>
public sealed class UserError(string message, int exitCode = ExitCodes.Failure, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Exit codes shared by every chapter. Chapters add their own from 10 up.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Something went wrong that has no more specific code.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself was wrong (System.CommandLine reports those too).</summary>
    public const int Usage = 2;
    /// <summary>The process was stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
