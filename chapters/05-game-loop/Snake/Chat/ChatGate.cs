namespace Snake.Chat;

/// <summary>
/// Flood control for one player's chat, as a token bucket (chapter 04's FloodGate, smaller): a player earns
/// <c>rate</c> lines a second, saves up to <c>burst</c>, and every line spends one. A chat line goes to every
/// player of every linked server, so one player pasting a hundred lines would cost all of them.
/// </summary>
public sealed class ChatGate(double rate, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>True if the line may go; false if the player is talking too fast (the line is dropped).</summary>
    public bool TryPass()
    {
        long now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * rate);
        _last = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
