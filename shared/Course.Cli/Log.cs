namespace Course.Cli;

/// <summary>
/// Consistent console output: every line is "<c>role: message</c>", so two programs in one terminal (or a
/// server and its clients in one demo) stay readable, and a test can capture the lines and snapshot them.
/// Safe to call from many threads: each line is written whole.
/// </summary>
public sealed class Log
{
    private readonly TextWriter _writer;
    private readonly object _gate;

    public Log(TextWriter writer, string role) : this(writer, role, new object()) { }

    private Log(TextWriter writer, string role, object gate)
    {
        _writer = writer;
        _gate = gate;
        Role = role;
    }

    /// <summary>A log that writes nothing, for benchmarks and quiet runs.</summary>
    public static Log Null { get; } = new(TextWriter.Null, "");

    public string Role { get; }

    /// <summary>Whether lines go anywhere: lets a hot path skip formatting a message nobody reads.</summary>
    public bool Enabled => !ReferenceEquals(_writer, TextWriter.Null);

    /// <summary>A log for another role that shares this one's writer and its lock, so lines never interleave.</summary>
    public Log For(string role) => new(_writer, role, _gate);

    public void Line(string message)
    {
        if (!Enabled) return;
        lock (_gate)
        {
            _writer.WriteLine(Role.Length == 0 ? message : $"{Role}: {message}");
            _writer.Flush();
        }
    }
}
