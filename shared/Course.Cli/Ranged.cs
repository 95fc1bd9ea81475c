using System.Numerics;

namespace Course.Cli;

/// <summary>
/// The one way the course declares a number option: its name, what it is for, its default, the range it
/// accepts, and, where 0 means something special ("never", "until Ctrl+C"), what it means. The help
/// text then shows that meaning, the parser accepts that 0, and a wrong value is one line that says all
/// of it: <c>error: --seconds must be a number more than 0 and at most 86400, or 0 (until Ctrl+C), not 'abc'.</c>
/// </summary>
public static class Ranged
{
    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static RangedOption<T> Between<T>(string name, string description, T defaultValue, T min, T max, string? zero = null)
        where T : struct, INumber<T> =>
        new(name, description, defaultValue, new NumberRange<T>(min, max, aboveMin: false, zero));

    /// <summary>A number more than <paramref name="min"/> and at most <paramref name="max"/>: a duration, a rate.</summary>
    public static RangedOption<T> Above<T>(string name, string description, T defaultValue, T min, T max, string? zero = null)
        where T : struct, INumber<T> =>
        new(name, description, defaultValue, new NumberRange<T>(min, max, aboveMin: true, zero));

    /// <summary>One or more numbers from <paramref name="min"/> to <paramref name="max"/>, e.g. client counts for a bench.</summary>
    public static RangedListOption<T> List<T>(string name, string description, T[] defaultValues, T min, T max)
        where T : struct, INumber<T> =>
        new(name, description, defaultValues, new NumberRange<T>(min, max, aboveMin: false, zero: null));
}
