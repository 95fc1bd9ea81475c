using Pickling;

namespace Serializer;

// The record types of this chapter's examples: a player and the room it plays in. Plain classes with
// settable properties and a parameterless constructor, which is what TypeRegistry.Register asks for.

public sealed class Player
{
    public string Name { get; set; } = "";
    public int Score { get; set; }
    /// <summary>Who this player is chasing: another player of the same room, so references are shared.</summary>
    public Player? Chasing { get; set; }
}

public sealed class Room
{
    public string Title { get; set; } = "";
    public List<Player> Players { get; set; } = [];
    /// <summary>One of <see cref="Players"/>: written once, then referred to by its memo number.</summary>
    public Player? Leader { get; set; }
}

public static class GameTypes
{
    /// <summary>The allow-list: these two types, under names that do not change when the classes are renamed.</summary>
    public static TypeRegistry Registry() => new TypeRegistry()
        .Register<Player>("game.Player")
        .Register<Room>("game.Room");
}
