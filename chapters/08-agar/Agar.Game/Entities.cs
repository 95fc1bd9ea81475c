namespace Agar.Game;

/// <summary>A colour as 0xRRGGBB, so the game can name colours without a drawing library.</summary>
public readonly record struct Rgb(uint Value)
{
    public byte R => (byte)(Value >> 16);
    public byte G => (byte)(Value >> 8);
    public byte B => (byte)Value;
    public override string ToString() => $"#{Value:X6}";

    /// <summary>Bright colours that read well on a light background.</summary>
    public static readonly Rgb[] Palette =
    [
        new(0xE6194B), new(0x3CB44B), new(0xFFB000), new(0x4363D8), new(0xF58231), new(0x911EB4),
        new(0x22B8C8), new(0xD633C8), new(0x7CB800), new(0xFA7A9C), new(0x008080), new(0x9A6324),
    ];
}

/// <summary>A player's cell. Its id is handed out by the world and never reused (never a list index).</summary>
public sealed class Player(int id, string name, Rgb color, Vec2 position, double mass)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public Rgb Color { get; } = color;
    public Vec2 Position { get; internal set; } = position;
    public double Mass { get; internal set; } = mass;
    public double Radius => WorldSettings.RadiusOf(Mass);
    /// <summary>The input the player is steering with until a newer one arrives.</summary>
    public PlayerInput Input { get; internal set; }
    /// <summary>Highest input sequence number applied: what the server would acknowledge.</summary>
    public uint LastInputSequence => Input.Sequence;
    public int Respawns { get; internal set; }
}

/// <summary>A pellet: food that never moves. Ids are never reused either.</summary>
public readonly record struct Pellet(int Id, Vec2 Position, Rgb Color);
