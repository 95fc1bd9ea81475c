namespace Snake.Chat;

/// <summary>What one server's players have scored, for the other servers to show (top few only).</summary>
public sealed record Scoreboard(string Server, IReadOnlyList<Score> Players)
{
    /// <summary>Snakes a scoreboard lists at most, best first.</summary>
    public const int MaxPlayers = 10;
}

public sealed record Score(string Name, int Points);
