using System.Text.Json.Serialization;
using MessagePack;
using Pickling;

namespace Serializer.Bench;

// A realistic message for the bench: what an agar-like server sends each tick. The MessagePack
// attributes say each property's position in the array MessagePack writes (its fastest, most compact
// layout); System.Text.Json and our format use the properties as they are.

[MessagePackObject]
public sealed class GameSnapshot
{
    [Key(0)] public long Tick { get; set; }
    [Key(1)] public List<BenchPlayer> Players { get; set; } = [];
    [Key(2)] public List<Pellet> Pellets { get; set; } = [];
}

[MessagePackObject]
public sealed class BenchPlayer
{
    [Key(0)] public int Id { get; set; }
    [Key(1)] public string Name { get; set; } = "";
    [Key(2)] public double X { get; set; }
    [Key(3)] public double Y { get; set; }
    [Key(4)] public double Radius { get; set; }
    [Key(5)] public string Colour { get; set; } = "";
    [Key(6)] public int Score { get; set; }
}

[MessagePackObject]
public sealed class Pellet
{
    [Key(0)] public double X { get; set; }
    [Key(1)] public double Y { get; set; }
    /// <summary>0xRRGGBB.</summary>
    [Key(2)] public int Colour { get; set; }
}

/// <summary>System.Text.Json's source generator writes the (de)serialiser at compile time: its fastest mode.</summary>
[JsonSerializable(typeof(GameSnapshot))]
internal sealed partial class SnapshotJson : JsonSerializerContext;

public static class Snapshots
{
    public static TypeRegistry Registry() => new TypeRegistry()
        .Register<GameSnapshot>("bench.Snapshot")
        .Register<BenchPlayer>("bench.Player")
        .Register<Pellet>("bench.Pellet");

    /// <summary>100 players with names and colours, 1,000 pellets, on a 5000 x 5000 map. Seeded.</summary>
    public static GameSnapshot Make(int seed = 3)
    {
        var random = new Random(seed);
        string[] names = ["ada", "bolek", "lolek", "marta", "zoë", "kuba", "ola", "sam", "łucja", "tomek"];
        return new GameSnapshot
        {
            Tick = 123_456,
            Players = Enumerable.Range(0, 100).Select(i => new BenchPlayer
            {
                Id = i,
                Name = $"{names[i % names.Length]}{i}",
                X = Math.Round(random.NextDouble() * 5000, 2),
                Y = Math.Round(random.NextDouble() * 5000, 2),
                Radius = 10 + random.Next(200),
                Colour = $"#{random.Next(0x1000000):x6}",
                Score = random.Next(5000),
            }).ToList(),
            Pellets = Enumerable.Range(0, 1000).Select(_ => new Pellet
            {
                X = random.Next(5000),
                Y = random.Next(5000),
                Colour = random.Next(0x1000000),
            }).ToList(),
        };
    }
}
