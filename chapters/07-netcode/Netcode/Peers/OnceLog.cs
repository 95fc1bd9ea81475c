namespace Netcode.Peers;

/// <summary>
/// Logs the first occurrence of each kind of trouble, and only the first: a flood of one bad datagram
/// would otherwise turn into a flood of log lines (and the log into the attack's amplifier). The counts
/// are in <see cref="ServerStats"/>. Remembers at most 256 kinds.
/// </summary>
internal sealed class OnceLog(Action<string>? log)
{
    private readonly HashSet<string> _seen = [];

    public void Line(string kind, Func<string> line)
    {
        if (log is null) return;
        lock (_seen)
        {
            if (_seen.Count >= 256 || !_seen.Add(kind)) return;
        }
        log($"{line()} (logged once; later ones are only counted)");
    }
}
