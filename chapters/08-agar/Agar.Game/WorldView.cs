namespace Agar.Game;

/// <summary>A player as a view sees it: plain data, ready to draw or to send.</summary>
public readonly record struct PlayerState(int Id, string Name, Rgb Color, Vec2 Position, double Mass)
{
    public double Radius => WorldSettings.RadiusOf(Mass);
}

/// <summary>
/// What one player can see at one tick: the players and pellets in its area of interest, the leaderboard
/// and its own id. Views draw this, bots decide from it, and a networked server would send it (as
/// deltas): none of them needs the <see cref="World"/> itself. <see cref="YouId"/> 0 means a spectator.
/// </summary>
public sealed record WorldView(
    long Tick,
    double WorldWidth,
    double WorldHeight,
    int YouId,
    Vec2 Centre,
    Vec2 HalfExtents,
    IReadOnlyList<PlayerState> Players,
    IReadOnlyList<Pellet> Pellets,
    IReadOnlyList<LeaderboardEntry> Leaderboard,
    uint LastInputSequence)
{
    public PlayerState? You => Players.Where(p => p.Id == YouId).Cast<PlayerState?>().FirstOrDefault();
}
