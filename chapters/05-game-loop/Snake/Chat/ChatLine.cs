namespace Snake.Chat;

/// <summary>
/// One line of the chat every player of a server sees: who said it, on which server, and what.
/// <see cref="Server"/> is the speaker's server; when several servers share the chat (chapter 06) it tells
/// a player on server A that the line came from a player on server B.
/// </summary>
public sealed record ChatLine(string From, string Server, string Text)
{
    /// <summary>Longest line, in characters: a line, not a letter.</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="text"/> cannot be a chat line, or null if it can.</summary>
    /// <remarks>
    /// Control characters are refused, not stripped: a line that moves the cursor or rings the bell in a
    /// terminal (or that carries a newline into someone's log) is a line we do not want to pass on.
    /// </remarks>
    public static string? Problem(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "a chat line needs some text";
        if (text.Length > MaxLength) return $"a chat line is at most {MaxLength} characters";
        if (text.Any(char.IsControl)) return "a chat line cannot contain control characters";
        return null;
    }
}
