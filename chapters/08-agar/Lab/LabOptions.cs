using Agar.Game;

namespace Agar.Lab;

/// <summary>How the lab starts: how many clients (client 1 is yours, the others bots), the server's own bots, the seed, a preset.</summary>
public sealed record LabOptions
{
    public int Clients { get; init; } = 2;
    /// <summary>Computer players inside the server: other cells to watch move, at no cost to the lab's clients.</summary>
    public int Bots { get; init; } = 3;
    public ulong Seed { get; init; } = 1;
    /// <summary>A stop of the tour to start at (<see cref="Preset.Slug"/>), or none: a good network.</summary>
    public string? Preset { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public Action<string>? Log { get; init; }

    /// <summary>
    /// A small world, so every view shows nearly all of it at the same scale and a cell can be followed
    /// from one view to the next; and few pellets, so the cells stay small and fast.
    /// </summary>
    public WorldSettings World(double tickRate) => new()
    {
        Width = 800, Height = 450, PelletTarget = 40, AreaPerPlayer = 10_000, Seed = Seed, TickRate = tickRate,
    };
}
