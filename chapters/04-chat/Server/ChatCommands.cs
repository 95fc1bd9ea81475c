namespace Chat;

/// <summary>
/// What a line from a client means: a plain line is a message to everyone, a line starting with '/' is a
/// command. Replies that only the sender sees start with "* " (information) or "! " (a problem).
/// </summary>
public static class ChatCommands
{
    public static readonly string[] Help =
    [
        "* commands:",
        "*   /nick <name>        choose your nickname",
        "*   /who                list who is here",
        "*   /me <action>        say what you are doing: * alice waves",
        "*   /msg <nick> <text>  a private message",
        "*   /quit               leave the chat",
        "*   /help               this list",
        "* any other line is a message to everyone (start it with // to send a line that begins with /)",
    ];

    public static void Execute(ChatSession from, Room room, string line)
    {
        line = Printable(line);
        if (line.Trim().Length == 0) return;
        if (!line.StartsWith('/') || line.StartsWith("//"))
        {
            string text = line.StartsWith("//") ? line[1..] : line;
            room.Broadcast($"<{from.Nick}> {text}", except: from);
            return;
        }

        string verb = line.Split(' ', 2)[0];
        string rest = line.Length > verb.Length ? line[(verb.Length + 1)..].Trim() : "";
        switch (verb.ToLowerInvariant())
        {
            case "/nick":
                if (room.Rename(from, rest) is { } problem) from.Tell($"! {problem}");
                break;
            case "/who":
                from.Tell(WhoLine(room.Nicknames()));
                break;
            case "/me":
                if (rest.Length == 0) from.Tell("! usage: /me <action>");
                else room.Broadcast($"* {from.Nick} {rest}");
                break;
            case "/msg":
                PrivateMessage(from, room, rest);
                break;
            case "/quit":
                from.Close("quit", "* bye");
                break;
            case "/help":
                foreach (string help in Help) from.Tell(help);
                break;
            case "/ping":
                // Not in /help: the demo and the bench use it as a barrier ("everything before this has
                // been handled") and to measure a round trip.
                from.Tell($"* pong {rest}".TrimEnd());
                break;
            default:
                from.Tell($"! unknown command {verb}; /help lists the commands");
                break;
        }
    }

    /// <summary>
    /// The answer to /who. With thousands here the list would be a line of tens of kilobytes, longer than a
    /// client accepts (it reads lines no longer than ours, plus a prefix): so it stops at about 900 bytes.
    /// </summary>
    public static string WhoLine(IReadOnlyList<string> nicks)
    {
        var line = new System.Text.StringBuilder($"* {nicks.Count} here: ");
        int shown = 0;
        while (shown < nicks.Count && line.Length + nicks[shown].Length + 2 <= 900)
            line.Append(shown > 0 ? ", " : "").Append(nicks[shown++]);
        return shown == nicks.Count ? line.ToString() : line.Append($" and {nicks.Count - shown} more").ToString();
    }

    private static void PrivateMessage(ChatSession from, Room room, string rest)
    {
        string[] parts = rest.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            from.Tell("! usage: /msg <nick> <text>");
            return;
        }
        if (room.Find(parts[0]) is not { } to)
        {
            from.Tell($"! nobody here is called {parts[0]}");
            return;
        }
        to.Tell($"[{from.Nick} -> you] {parts[1]}");
        from.Tell($"[you -> {to.Nick}] {parts[1]}");
    }

    /// <summary>
    /// Replaces control characters with '?'. A chat relays text to other people's terminals, and an
    /// escape sequence in a message could clear their screen or retitle their window.
    /// </summary>
    public static string Printable(string line)
    {
        if (!line.Any(char.IsControl)) return line;
        return string.Create(line.Length, line, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) && source[i] != '\t' ? '?' : source[i];
        });
    }
}
