using System.CommandLine;

namespace Course.Cli;

/// <summary>The options every chapter's verbs share, with the same names, defaults and checks.</summary>
public static class CommonOptions
{
    /// <summary>A day: the longest any demo, bot or bench of the course needs to run.</summary>
    public const double Day = 24 * 3600;

    /// <summary><c>--host</c>: an IP address or <c>localhost</c>. Defaults to loopback, the safe choice.</summary>
    public static Option<string> Host(string defaultHost = "127.0.0.1") => new("--host")
    {
        Description = "Address to use: 127.0.0.1 (this machine), ::1 (IPv6), 0.0.0.0 (every interface)",
        DefaultValueFactory = _ => defaultHost,
    };

    /// <summary><c>--port</c> of a server to connect to: 1 to 65535.</summary>
    public static RangedOption<int> Port(int defaultPort) =>
        Ranged.Between("--port", "The server's TCP/UDP port", defaultPort, 1, 65535);

    /// <summary><c>--port</c> to listen on: 1 to 65535, or 0 to let the operating system choose a free one.</summary>
    public static RangedOption<int> ListenPort(int defaultPort) =>
        Ranged.Between("--port", "TCP/UDP port to listen on", defaultPort, 1, 65535, zero: "any free port, chosen by the operating system");

    /// <summary><c>--seconds</c>: how long a demo, bot or benchmark runs; more than 0, at most a day.</summary>
    /// <param name="zero">What 0 means, if the verb accepts it ("until Ctrl+C").</param>
    public static RangedOption<double> Seconds(double defaultSeconds, string description = "How long to run, in seconds", string? zero = null) =>
        Ranged.Above("--seconds", description, defaultSeconds, 0, Day, zero);
}
