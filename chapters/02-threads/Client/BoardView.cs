namespace Dots;

/// <summary>
/// Draws a <see cref="BoardModel"/> as lines of text: a frame, your dot as <c>@</c>, everyone else's as
/// the last digit of their id, and a status line. A pure function of the model, so a test can snapshot it
/// and the terminal client only has to print the lines.
/// </summary>
public static class BoardView
{
    public static string[] Render(BoardModel model, string status)
    {
        var (myId, dots, lastError) = model.Snapshot();
        Board board = model.Board;
        var rows = new char[board.Height][];
        for (int y = 0; y < board.Height; y++) rows[y] = new string('·', board.Width).ToCharArray();
        // Others first, ourselves last, so our own dot is never hidden under someone else's.
        foreach (var (id, at) in dots.OrderBy(d => d.Key == myId))
        {
            if (at.Y < 0 || at.Y >= board.Height || at.X < 0 || at.X >= board.Width) continue; // trust, but check
            rows[at.Y][at.X] = id == myId ? '@' : (char)('0' + id % 10);
        }

        var lines = new List<string> { "┌" + new string('─', board.Width) + "┐" };
        lines.AddRange(rows.Select(r => "│" + new string(r) + "│"));
        lines.Add("└" + new string('─', board.Width) + "┘");
        string who = myId is { } me ? $"you are @ (player {me})" : "connecting...";
        lines.Add($"{who} · {dots.Length} {(dots.Length == 1 ? "player" : "players")} · {status}");
        lines.Add(lastError is null ? "" : $"server says: {lastError}");
        return [.. lines];
    }
}
