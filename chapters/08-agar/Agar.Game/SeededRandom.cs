namespace Agar.Game;

/// <summary>
/// A tiny random generator (SplitMix64) whose sequence is fixed by its seed on every machine and every
/// .NET version. System.Random would do today, but its seeded algorithm is an implementation detail;
/// a replayable game wants the algorithm written down.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        // SplitMix64 (Steele, Lea, Flood 2014): add a constant, then mix the bits thoroughly.
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) built from the top 53 bits, so every value is exact.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + NextDouble() * (max - min);

    /// <summary>An int in [0, count).</summary>
    public int Next(int count) => (int)(NextUInt64() % (ulong)count);
}
