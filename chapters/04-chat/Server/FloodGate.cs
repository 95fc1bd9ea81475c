namespace Chat;

/// <summary>
/// Flood control as a token bucket: a client earns <c>rate</c> tokens a second, saves up to <c>burst</c>,
/// and every line costs one. Typing a few lines fast is fine; pasting a hundred is not.
/// </summary>
/// <remarks>
/// 1. Before a line is accepted, add the tokens earned since the last line (elapsed × rate, capped at burst).
/// 2. If a whole token is there, spend it: the line passes.
/// 3. Otherwise the line is refused. The first refusal in a row is a warning; after <c>strikes</c> more
///    refusals without a passing line in between, the verdict is "disconnect".
/// </remarks>
public sealed class FloodGate(double rate, int burst, int strikes, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();
    private int _refusedInARow;

    public FloodVerdict Check()
    {
        long now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * rate);
        _last = now;

        if (_tokens >= 1)
        {
            _tokens -= 1;
            _refusedInARow = 0;
            return FloodVerdict.Pass;
        }
        _refusedInARow++;
        if (_refusedInARow == 1) return FloodVerdict.Warn;
        return _refusedInARow > strikes ? FloodVerdict.Disconnect : FloodVerdict.Drop;
    }
}

public enum FloodVerdict
{
    /// <summary>The line goes through.</summary>
    Pass,
    /// <summary>The line is dropped and the client is told to slow down.</summary>
    Warn,
    /// <summary>The line is dropped quietly (the client was warned already).</summary>
    Drop,
    /// <summary>Too many refused lines in a row: the client goes.</summary>
    Disconnect,
}
