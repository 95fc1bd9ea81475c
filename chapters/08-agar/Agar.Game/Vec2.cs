namespace Agar.Game;

/// <summary>
/// A point or direction in world units. Doubles and only +, -, * and Math.Sqrt (which IEEE 754 rounds
/// exactly): the same inputs give the same bits on every machine, so a seeded game replays identically.
/// </summary>
public readonly record struct Vec2(double X, double Y)
{
    public static readonly Vec2 Zero = new(0, 0);

    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Vec2 operator *(Vec2 a, double k) => new(a.X * k, a.Y * k);

    public double LengthSquared => X * X + Y * Y;
    public double Length => Math.Sqrt(LengthSquared);

    /// <summary>This vector shortened to length 1 if it is longer; NaN or infinity becomes zero.</summary>
    public Vec2 ClampedToUnit()
    {
        if (!double.IsFinite(X) || !double.IsFinite(Y)) return Zero;
        double length = Length;
        return length > 1 ? new Vec2(X / length, Y / length) : this;
    }

    /// <summary>Length 1 in the same direction, or zero for the zero vector.</summary>
    public Vec2 Normalized()
    {
        double length = Length;
        return length > 1e-9 ? new Vec2(X / length, Y / length) : Zero;
    }

    public static double DistanceSquared(Vec2 a, Vec2 b) => (a - b).LengthSquared;
}
