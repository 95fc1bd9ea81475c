namespace Netcode.Wire;

/// <summary>
/// A 16-bit sequence number as PyGaSe uses it, for package sequences and for state versions (time order).
/// </summary>
/// <remarks>
/// 1. 0 means "none yet" and is never reached again: counting past 65535 wraps to 1.
/// 2. So the live values form a circle of 65535 numbers. The distance from b to a is (a − b) taken modulo
///    65535 and folded into −32767..32767: a is newer than b when that distance is positive. This keeps
///    "newer" right across the wrap (3 is newer than 65530) as long as the two are less than half the
///    circle apart, which at 40 packages a second is 13 minutes.
/// 3. Anything is newer than 0.
/// </remarks>
public readonly record struct Sqn(ushort Value) : IComparable<Sqn>
{
    private const int Cycle = 65535;

    public static Sqn None => default;

    public bool IsNone => Value == 0;

    /// <summary>The next number: 65535 is followed by 1, never by 0.</summary>
    public Sqn Next() => new(Value == ushort.MaxValue ? (ushort)1 : (ushort)(Value + 1));

    /// <summary>How many steps this is ahead of <paramref name="other"/> (negative: behind). None counts as infinitely old.</summary>
    public int DistanceFrom(Sqn other)
    {
        if (other.IsNone) return IsNone ? 0 : Cycle;
        if (IsNone) return -Cycle;
        int d = ((Value - other.Value) % Cycle + Cycle) % Cycle; // 0 .. 65534
        return d > Cycle / 2 ? d - Cycle : d;
    }

    /// <summary>This number moved back by <paramref name="steps"/>, skipping 0 the same way <see cref="Next"/> does.</summary>
    public Sqn Minus(int steps)
    {
        int v = ((Value - 1 - steps) % Cycle + Cycle) % Cycle + 1;
        return new Sqn((ushort)v);
    }

    public bool IsNewerThan(Sqn other) => DistanceFrom(other) > 0;

    public int CompareTo(Sqn other) => Math.Sign(DistanceFrom(other));

    public static bool operator >(Sqn a, Sqn b) => a.IsNewerThan(b);
    public static bool operator <(Sqn a, Sqn b) => b.IsNewerThan(a);
    public static bool operator >=(Sqn a, Sqn b) => !b.IsNewerThan(a);
    public static bool operator <=(Sqn a, Sqn b) => !a.IsNewerThan(b);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
