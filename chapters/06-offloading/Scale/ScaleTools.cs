using Course.Cli;

namespace Offloading.Scale;

/// <summary>
/// The two programs the scale-out needs from the operating system. They are looked for on PATH and then
/// where Debian installs them: haproxy lives in /usr/sbin, which is not on every user's PATH.
/// </summary>
internal static class ScaleTools
{
    public const string InstallHint = "sudo apt-get install haproxy redis-server";
    public const string HaProxy = "haproxy";
    public const string RedisServer = "redis-server";

    private static readonly string[] SystemFolders = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"];

    /// <summary>
    /// The program's path: <paramref name="given"/> if the user named one, else the first found; a
    /// <see cref="UserError"/> of one line with the install command if there is none.
    /// </summary>
    public static string Find(string program, string? given)
    {
        if (given is not null)
            return File.Exists(given) ? given : throw new UserError($"{program} not found at {given}; install it with: {InstallHint}");
        return TryFind(program) ?? throw new UserError($"the scale demo needs {program}, which is not installed; install it with: {InstallHint}");
    }

    public static string? TryFind(string program)
    {
        IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(SystemFolders).Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
    }
}
