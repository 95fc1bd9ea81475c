namespace Snake.Rooms;

/// <summary>One connected player: who they are, and what is waiting to be sent to them.</summary>
public sealed class Player(int id, string name)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public Outbox Outbox { get; } = new();
}
