using Snake.Rooms;
using Snake.Wire;

namespace Snake.Chat;

/// <summary>
/// One server's chat line, shared by all its rooms, and the door other servers' messages come in by.
/// A line a player says here goes to every player here at once and then to the relay, if the server has
/// one; lines and scoreboards from other servers arrive through <see cref="Deliver(ChatLine)"/> and
/// <see cref="Deliver(Scoreboard)"/>. Every delivery is a notice in each player's outbox: it never waits.
/// </summary>
public sealed class ServerChat(string serverName, RoomDirectory rooms, IServerRelay? relay)
{
    public string ServerName { get; } = serverName;

    public void Say(Player player, string text)
    {
        var line = new ChatLine(player.Name, ServerName, text);
        // Here first: this server's players get the line even when the link to the others is down.
        rooms.Announce(ServerMessages.Chat(line));
        relay?.Publish(line);
    }

    /// <summary>A line said on another server, for every player here.</summary>
    public void Deliver(ChatLine line) => rooms.Announce(ServerMessages.Chat(line));

    /// <summary>Another server's scoreboard, for every player here.</summary>
    public void Deliver(Scoreboard board) => rooms.Announce(ServerMessages.Scoreboard(board));

    /// <summary>This server's best snakes across all its rooms, for the relay to send to the others.</summary>
    public Scoreboard Scores() => new(ServerName, rooms.Scores(Scoreboard.MaxPlayers));
}
