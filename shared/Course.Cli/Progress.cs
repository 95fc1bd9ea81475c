namespace Course.Cli;

/// <summary>
/// Says what a long step is doing (a bench measuring for 20 s, 1,000 clients connecting), on one line of
/// standard error, so a long run is never a silent one. On a terminal the line is rewritten in place and
/// wiped before the next result, so the table on standard output reads as if it had been alone; when
/// standard error goes to a file or a pipe, each step is a line of its own there. Standard output, where
/// the results go (and what .ci/measure records), never sees these lines.
/// </summary>
public sealed class Progress
{
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private readonly string _role;
    private readonly object _gate = new();
    private bool _showing;

    public Progress(TextWriter writer, string role, bool inPlace)
    {
        _writer = writer;
        _role = role;
        _inPlace = inPlace;
    }

    /// <summary>Progress on this process's standard error, in place when that is a terminal.</summary>
    public static Progress ToStandardError(string role = "bench") => new(Console.Error, role, inPlace: !Console.IsErrorRedirected);

    /// <summary>Progress that goes nowhere, for tests and quiet runs.</summary>
    public static Progress None { get; } = new(TextWriter.Null, "", inPlace: false);

    /// <summary>Shows what is being done now, replacing the step shown before.</summary>
    public void Step(string what)
    {
        lock (_gate)
        {
            string line = $"{_role}: {what}";
            if (!_inPlace)
            {
                _writer.WriteLine(line);
                return;
            }
            // A line longer than the terminal would wrap, and "\r" only goes back to its last row.
            int width = TerminalWidth();
            if (line.Length >= width) line = line[..Math.Max(0, width - 2)] + "…";
            _writer.Write($"\r\x1b[2K{line}");
            _writer.Flush();
            _showing = true;
        }
    }

    /// <summary>Wipes the step from a terminal, before a result line is printed where it was.</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (!_showing) return;
            _writer.Write("\r\x1b[2K");
            _writer.Flush();
            _showing = false;
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>"4 s", "0.5 s": a duration as a step announces it.</summary>
    public static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString(duration.TotalSeconds >= 10 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
