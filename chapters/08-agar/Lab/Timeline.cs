using Agar.Game;
using Agar.Net;

namespace Agar.Lab;

/// <summary>One mark on a client's timeline strip, as the page draws it; times are the lab's milliseconds.</summary>
/// <param name="Kind">input, view, stale or correction.</param>
/// <param name="Moving">For an input: whether it steers somewhere (false: "stand still").</param>
/// <param name="SentAt">For a view: when the input it says it applied left, if that is still on the strip.</param>
public sealed record Mark(string Kind, double At, uint Input, bool Moving, long Tick, double Distance, double? SentAt);

/// <summary>
/// What one client reported over the last <see cref="Window"/>: every input sent, view received and
/// correction made (<see cref="ClientMoment"/>), as marks for the page's strip. A view is linked to the
/// input it confirms, so the strip can draw the round trip as a line from one to the other.
/// </summary>
public sealed class Timeline(TimeProvider time, long start)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    /// <summary>Enough for two seconds at 60 ticks a second with every datagram doubled; older marks go first.</summary>
    private const int Capacity = 1024;

    private readonly Queue<Mark> _marks = new();
    private readonly Dictionary<uint, double> _sentAt = [];

    /// <summary>Records one moment (the client's report callback; called on the lab's loop).</summary>
    public void Add(ClientMoment moment)
    {
        double at = Math.Round(time.GetElapsedTime(start, moment.Timestamp).TotalMilliseconds, 1);
        lock (_marks)
        {
            switch (moment.Kind)
            {
                case MomentKind.InputSent:
                    _sentAt[moment.Input] = at;
                    _marks.Enqueue(new Mark("input", at, moment.Input, moment.Direction != Vec2.Zero, 0, 0, null));
                    break;
                case MomentKind.ViewApplied or MomentKind.ViewStale:
                    _marks.Enqueue(new Mark(moment.Kind == MomentKind.ViewApplied ? "view" : "stale", at, moment.Input, false, moment.Tick, 0,
                        _sentAt.TryGetValue(moment.Input, out double sent) ? sent : null));
                    break;
                case MomentKind.Corrected:
                    _marks.Enqueue(new Mark("correction", at, moment.Input, false, moment.Tick, Math.Round(moment.Distance, 1), null));
                    break;
            }
            Trim(at);
        }
    }

    /// <summary>The marks of the last <see cref="Window"/>, oldest first.</summary>
    public IReadOnlyList<Mark> Marks(double now)
    {
        lock (_marks)
        {
            Trim(now);
            return [.. _marks];
        }
    }

    private void Trim(double now)
    {
        double oldest = now - Window.TotalMilliseconds;
        while (_marks.Count > 0 && (_marks.Peek().At < oldest || _marks.Count > Capacity))
        {
            Mark gone = _marks.Dequeue();
            if (gone.Kind == "input") _sentAt.Remove(gone.Input);
        }
    }
}
