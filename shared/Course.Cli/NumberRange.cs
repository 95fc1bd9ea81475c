using System.Globalization;
using System.Numerics;

namespace Course.Cli;

/// <summary>
/// The numbers an option accepts: from <see cref="Min"/> (or just above it) to <see cref="Max"/>, and
/// perhaps 0 with a meaning of its own ("never", "until Ctrl+C"). It parses what the user typed with the
/// invariant culture, so "0.5" means a half on every machine, and it says in words what it accepts.
/// </summary>
internal sealed class NumberRange<T> where T : struct, INumber<T>
{
    public NumberRange(T min, T max, bool aboveMin, string? zero)
    {
        if (min > max) throw new ArgumentException($"an empty range: {min} to {max}");
        Min = min;
        Max = max;
        AboveMin = aboveMin;
        Zero = zero;
    }

    public T Min { get; }
    public T Max { get; }
    public bool AboveMin { get; }
    public string? Zero { get; }

    /// <summary>int, long, ulong: whole numbers; double: any number (a half second is a fine timeout).</summary>
    public static bool WholeNumbers { get; } = T.IsInteger(T.One / (T.One + T.One)); // a half is 0 in whole numbers

    /// <summary>"a whole number between 1 and 100", "a number more than 0 and at most 3600, or 0 (never)".</summary>
    public string Accepts(bool plural = false)
    {
        string what = (WholeNumbers, plural) switch
        {
            (true, false) => "a whole number",
            (true, true) => "whole numbers",
            (false, false) => "a number",
            (false, true) => "numbers",
        };
        string range = AboveMin ? $"more than {Show(Min)} and at most {Show(Max)}" : $"between {Show(Min)} and {Show(Max)}";
        return Zero is null ? $"{what} {range}" : $"{what} {range}, or 0 ({Zero})";
    }

    /// <summary>The number <paramref name="text"/> stands for, if it is one this range accepts.</summary>
    public bool TryRead(string text, out T value)
    {
        NumberStyles style = WholeNumbers ? NumberStyles.Integer : NumberStyles.Float;
        // NaN and infinity parse as numbers, but fail every comparison below: refused, as they should be.
        return T.TryParse(text, style, CultureInfo.InvariantCulture, out value) && Allows(value);
    }

    public bool Allows(T value) =>
        Zero is not null && T.IsZero(value)
        || (AboveMin ? value > Min : value >= Min) && value <= Max;

    public static string Show(T value) => value.ToString(null, CultureInfo.InvariantCulture);

    public decimal MinAsDecimal => decimal.CreateSaturating(Min);
    public decimal MaxAsDecimal => decimal.CreateSaturating(Max);
}
