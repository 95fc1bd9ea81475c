namespace Snake.Game;

/// <summary>The numbers that make the game; a room gets one set, tests shrink the grid.</summary>
public sealed record GameRules
{
    public int Width { get; init; } = 40;
    public int Height { get; init; } = 30;
    /// <summary>Food on the grid at any time: eaten food is replaced at once.</summary>
    public int FoodCount { get; init; } = 3;
    public int StartLength { get; init; } = 3;
    /// <summary>Ticks a dead snake waits before it comes back somewhere else (10 ticks: 1 s at 10 Hz).</summary>
    public int RespawnTicks { get; init; } = 10;
}
