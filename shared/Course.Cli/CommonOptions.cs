using System.CommandLine;

namespace Course.Cli;

/// <summary>The options every chapter's verbs share, with the same names, defaults and checks.</summary>
public static class CommonOptions
{
    /// <summary><c>--host</c>: an IP address or <c>localhost</c>. Defaults to loopback, the safe choice.</summary>
    public static Option<string> Host(string defaultHost = "127.0.0.1") => new("--host")
    {
        Description = "Address to use: 127.0.0.1 (this machine), ::1 (IPv6), 0.0.0.0 (every interface)",
        DefaultValueFactory = _ => defaultHost,
    };

    /// <summary><c>--port</c>: 0 to 65535; for a server, 0 asks the operating system for a free port.</summary>
    public static Option<int> Port(int defaultPort)
    {
        var option = new Option<int>("--port")
        {
            Description = "TCP/UDP port (0 lets the operating system choose a free one)",
            DefaultValueFactory = _ => defaultPort,
        };
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535)
                result.AddError($"--port must be between 0 and 65535, not {value}.");
        });
        return option;
    }

    /// <summary><c>--seconds</c>: how long a demo or benchmark runs.</summary>
    public static Option<double> Seconds(double defaultSeconds, string description = "How long to run, in seconds")
    {
        var option = new Option<double>("--seconds")
        {
            Description = description,
            DefaultValueFactory = _ => defaultSeconds,
        };
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= 24 * 3600))
                result.AddError($"--seconds must be more than 0 and at most a day, not {value}.");
        });
        return option;
    }
}
