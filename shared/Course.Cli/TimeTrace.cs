using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Course.Cli;

/// <summary>
/// A record of what happened when, for the docs' pictures of time. Each event is stamped with the
/// monotonic clock and put on a lane (a client, a thread, a loop); a lane named "seed/server" belongs to
/// the panel "seed". <see cref="Write"/> prints the events normalised: times in milliseconds from each
/// panel's first event, one event per line. .ci/docs/timeline.py draws that as an SVG, and each chapter's
/// tests compare the trace their code produces today with the committed one, by shape (which events, in
/// which order, on which lanes), never by time.
/// </summary>
/// <remarks>
/// <see cref="Off"/> records nothing and costs one field read per call, so a server can carry its trace
/// points in production code: they are the lines to look at when you want to see the server work.
/// </remarks>
public sealed class TimeTrace
{
    private readonly Lock _gate = new();
    private readonly List<Event> _events = [];
    private readonly List<string> _header = [];

    public TimeTrace(string title) => _header.Add($"# title: {title}");

    private TimeTrace()
    {
        Enabled = false;
    }

    /// <summary>A trace that records nothing: the default everywhere.</summary>
    public static TimeTrace Off { get; } = new();

    public bool Enabled { get; } = true;

    /// <summary>A caption for the panel whose lanes start with "<paramref name="name"/>/".</summary>
    public TimeTrace Panel(string name, string caption)
    {
        _header.Add($"# panel: {name} | {caption}");
        return this;
    }

    /// <summary>The lanes from top to bottom (otherwise they come in the order of their first events).</summary>
    public TimeTrace Lanes(params string[] lanes)
    {
        _header.Add($"# lanes: {string.Join(" | ", lanes)}");
        return this;
    }

    /// <summary>Draw every panel on the same time scale (to compare two runs side by side).</summary>
    public TimeTrace SharedAxis()
    {
        _header.Add("# axis: shared");
        return this;
    }

    /// <summary>Forgets the events so far: after a warm-up round, so the figure shows a run of code the JIT has already compiled.</summary>
    public void Clear()
    {
        lock (_gate) _events.Clear();
    }

    /// <summary>Something happened on <paramref name="lane"/>.</summary>
    public void Mark(string lane, string label) => Add(lane, "mark", "-", label);

    /// <summary>Something left <paramref name="lane"/>; the figure draws an arrow to each <see cref="Receive"/> of the same link.</summary>
    public void Send(string lane, string link, string label) => Add(lane, "send", link, label);

    /// <summary>Something arrived on <paramref name="lane"/>, sent with <paramref name="link"/>.</summary>
    public void Receive(string lane, string link, string label) => Add(lane, "recv", link, label);

    /// <summary>A stretch of time on <paramref name="lane"/>, from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to now.</summary>
    public void Span(string lane, long startTimestamp, string label)
    {
        if (!Enabled) return;
        long now = Stopwatch.GetTimestamp();
        Add(lane, "span", Milliseconds(now - startTimestamp), label, startTimestamp);
    }

    /// <summary>A value on <paramref name="lane"/> (a queue's length, say), drawn as a step line.</summary>
    public void Level(string lane, double value, string label = "") =>
        Add(lane, "level", value.ToString("0.###", CultureInfo.InvariantCulture), label);

    /// <summary>When something was scheduled to happen: a dashed line.</summary>
    public void Due(string lane, long timestamp) => Add(lane, "due", "-", "", timestamp);

    private void Add(string lane, string kind, string reference, string label, long? at = null)
    {
        if (!Enabled) return;
        long timestamp = at ?? Stopwatch.GetTimestamp();
        lock (_gate) _events.Add(new Event(timestamp, _events.Count, Clean(lane), kind, Clean(reference), Clean(label)));
    }

    /// <summary>The events so far, normalised, in the format timeline.py reads.</summary>
    public string Write()
    {
        List<Event> events;
        lock (_gate) events = [.. _events];
        events.Sort((a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.Order.CompareTo(b.Order));
        var origins = new Dictionary<string, long>();
        foreach (Event e in events) origins.TryAdd(PanelOf(e.Lane), e.Timestamp);
        var text = new StringBuilder();
        foreach (string line in _header) text.Append(line).Append('\n');
        text.Append("# time_ms\tlane\tkind\tref\tlabel\n");
        foreach (Event e in events)
        {
            string time = Milliseconds(e.Timestamp - origins[PanelOf(e.Lane)]);
            text.Append($"{time}\t{e.Lane}\t{e.Kind}\t{e.Reference}\t{e.Label}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// What a trace must keep from run to run: per lane, in order, each event's kind and label, with
    /// repeats in a row counted once; and which lane sent to which. Times are left out, and so are the
    /// due lines (where they fall among the events is a matter of timing).
    /// </summary>
    public static string Shape(string trace)
    {
        var lanes = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var senders = new Dictionary<string, string>();
        var links = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in trace.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] field = line.Split('\t');
            if (field.Length < 5) throw new FormatException($"not a trace line: {line}");
            var (lane, kind, reference, label) = (field[1], field[2], field[3], field[4]);
            if (kind == "due") continue; // a schedule, drawn for reference: where it falls among the events is timing
            List<string> seen = lanes.TryGetValue(lane, out var list) ? list : lanes[lane] = [];
            string step = kind is "level" ? "level" : $"{kind} {label}";
            if (seen.Count == 0 || seen[^1] != step) seen.Add(step);
            if (kind == "send") senders.TryAdd(reference, lane);
            if (kind == "recv") links.Add($"{(senders.TryGetValue(reference, out var from) ? from : "?")} -> {lane}");
        }
        var shape = new StringBuilder();
        foreach (var (lane, steps) in lanes) shape.Append(lane).Append(": ").AppendJoin(" | ", steps).Append('\n');
        foreach (string link in links) shape.Append(link).Append('\n');
        return shape.ToString();
    }

    private static string PanelOf(string lane) => lane.Contains('/') ? lane[..lane.IndexOf('/')] : "";

    private static string Milliseconds(long ticks) =>
        (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ');

    private sealed record Event(long Timestamp, int Order, string Lane, string Kind, string Reference, string Label);
}
