namespace Agar.Game;

/// <summary>One row of the leaderboard.</summary>
public readonly record struct LeaderboardEntry(int Rank, int PlayerId, string Name, double Mass);

public static class Leaderboard
{
    public const int Size = 10;

    /// <summary>The ten heaviest players; equal masses are ordered by id so the list never flickers.</summary>
    public static IReadOnlyList<LeaderboardEntry> Top(IEnumerable<Player> players, int size = Size) =>
        players.OrderByDescending(p => p.Mass).ThenBy(p => p.Id).Take(size)
            .Select((p, i) => new LeaderboardEntry(i + 1, p.Id, p.Name, p.Mass)).ToList();
}
