namespace Dots;

/// <summary>
/// The rules of the board, decided by the server alone. A client asks to move; the server decides where
/// the dot ends up. The seed trusted clients with positions, so any client could teleport anywhere.
/// </summary>
public sealed record Board(int Width = 40, int Height = 16)
{
    /// <summary>The furthest a dot may move in one step along each axis.</summary>
    public const int MaxStep = 1;

    /// <summary>Where a new player appears: spread over the board, and the same for the same id every run.</summary>
    public Position SpawnPoint(int id) => new((id * 7 + 3) % Width, (id * 5 + 2) % Height);

    /// <summary>Applies a requested step: each axis is cut to <see cref="MaxStep"/>, then the dot is kept on the board.</summary>
    public Position Step(Position from, int dx, int dy) => new(
        Math.Clamp(from.X + Math.Clamp(dx, -MaxStep, MaxStep), 0, Width - 1),
        Math.Clamp(from.Y + Math.Clamp(dy, -MaxStep, MaxStep), 0, Height - 1));
}
