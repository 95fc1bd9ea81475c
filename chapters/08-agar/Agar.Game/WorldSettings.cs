namespace Agar.Game;

/// <summary>Every number that shapes the game, in one place, so a test can build a small world.</summary>
public sealed record WorldSettings
{
    public double Width { get; init; } = 2000;
    public double Height { get; init; } = 2000;
    /// <summary>Pellets the world tops itself back up to at the end of every tick.</summary>
    public int PelletTarget { get; init; } = 500;
    public double PelletMass { get; init; } = 1;
    public double StartMass { get; init; } = 10;
    /// <summary>Speed, in units per second, of a player of <see cref="StartMass"/>; bigger is slower.</summary>
    public double BaseSpeed { get; init; } = 240;
    /// <summary>The slowest anyone goes, however big, so a giant can still cross the map.</summary>
    public double MinSpeed { get; init; } = 40;
    /// <summary>A player eats another only if the other's mass is at most this fraction of its own.</summary>
    public double EatRatio { get; init; } = 0.9;
    /// <summary>Fraction of mass above <see cref="DecayAbove"/> lost per second, so nobody grows forever.</summary>
    public double DecayPerSecond { get; init; } = 0.002;
    public double DecayAbove { get; init; } = 50;
    /// <summary>Side of a spatial-grid cell: a little more than a typical player's diameter.</summary>
    public double GridCell { get; init; } = 64;
    public ulong Seed { get; init; } = 1;
    /// <summary>Ticks a second, the same on the server and in every client (which learns it from the server).</summary>
    public double TickRate { get; init; } = 30;
    public double TickSeconds => 1 / TickRate;

    /// <summary>
    /// World area each player should have: when players join and the world would be more crowded than
    /// this, it grows (and its pellets with it), as far as <see cref="MaxSide"/>. So a crowd of 1,000 plays
    /// as densely as a crowd of 100, and what one client sees, and costs, stays about the same.
    /// </summary>
    public double AreaPerPlayer { get; init; } = 40_000;
    /// <summary>The widest a world grows. Positions travel as tenths in 16 bits, so at most 6553 units.</summary>
    public double MaxSide { get; init; } = 6000;

    /// <summary>These settings grown, if needed, for <paramref name="players"/> players; never smaller.</summary>
    public WorldSettings GrownFor(int players)
    {
        double needed = players * AreaPerPlayer, area = Width * Height;
        if (needed <= area || Width >= MaxSide && Height >= MaxSide) return this;
        double scale = Math.Sqrt(needed / area);
        double width = Math.Min(MaxSide, Math.Max(Width, Math.Round(Width * scale))), height = Math.Min(MaxSide, Math.Max(Height, Math.Round(Height * scale)));
        return this with { Width = width, Height = height, PelletTarget = (int)Math.Round(PelletTarget * width * height / area) };
    }

    /// <summary>Radius grows with the square root of mass, so mass behaves like area.</summary>
    public static double RadiusOf(double mass) => 4 * Math.Sqrt(mass);

    public const double PelletRadius = 5;

    /// <summary>Speed falls with the square root of mass: twice as heavy, about 70% as fast.</summary>
    public double SpeedOf(double mass) => Math.Max(MinSpeed, BaseSpeed * Math.Sqrt(StartMass / Math.Max(mass, StartMass)));

    /// <summary>
    /// Where a cell of this mass steering this way is after <paramref name="dt"/> seconds. The server's
    /// world and a predicting client both call this one function: prediction is only exact if both sides
    /// move a cell by the very same arithmetic.
    /// </summary>
    public Vec2 Moved(Vec2 from, Vec2 direction, double mass, double dt)
    {
        Vec2 to = from + direction.ClampedToUnit() * (SpeedOf(mass) * dt);
        // A cell's centre stays inside the world; its edge may overhang, as in the original game.
        return new Vec2(Math.Clamp(to.X, 0, Width), Math.Clamp(to.Y, 0, Height));
    }
}
