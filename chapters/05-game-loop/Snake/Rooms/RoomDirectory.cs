using Course.Cli;
using Snake.Chat;

namespace Snake.Rooms;

/// <summary>
/// The rooms of a server, by name. Joining and leaving happen under one lock, so "first player creates
/// the room and starts its loop" and "last player removes the room" are each one step that cannot
/// interleave with another join: twenty players arriving together find one room and one loop.
/// </summary>
public sealed class RoomDirectory(RoomOptions options, Log log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Room> _rooms = [];
    private int _roomsCreated;

    public RoomOptions Options { get; } = options;

    public IReadOnlyList<Room> Rooms
    {
        get { lock (_gate) return [.. _rooms.Values]; }
    }

    /// <summary>Why a player cannot join <paramref name="name"/> right now, or null if they can.</summary>
    /// <remarks>Asked before the web-socket upgrade, so a full server answers with a plain HTTP error.</remarks>
    public string? Refusal(string name)
    {
        lock (_gate) return RefusalUnderLock(name);
    }

    private string? RefusalUnderLock(string name)
    {
        if (_rooms.TryGetValue(name, out Room? room) && !room.Failed)
            return room.Count >= Options.MaxPlayersPerRoom ? $"room {name} is full ({Options.MaxPlayersPerRoom} players): try another room." : null;
        return _rooms.Count >= Options.MaxRooms ? $"the server has its maximum of {Options.MaxRooms} rooms: join an existing one." : null;
    }

    /// <summary>Joins the player to the room, creating it (and starting its loop) if needed; null when full.</summary>
    public Room? TryJoin(string name, Player player)
    {
        lock (_gate)
        {
            // Checked again here, under the lock: two players may have passed the check before the upgrade.
            if (RefusalUnderLock(name) is not null) return null;
            // A room whose loop failed is closing: a newcomer gets a fresh one instead.
            if (!_rooms.TryGetValue(name, out Room? room) || room.Failed)
            {
                room = new Room(name, Options.Seed + _roomsCreated++, Options, log.For($"room {name}"));
                _rooms[name] = room;
            }
            int count = room.TryAdd(player);
            if (count == 0)
            {
                // It failed between our check and now: it is closing, so give the player a fresh room.
                room = new Room(name, Options.Seed + _roomsCreated++, Options, log.For($"room {name}"));
                _rooms[name] = room;
                count = room.TryAdd(player);
            }
            log.Line($"{player.Name} joins room {name} ({Players(count)})");
            // Started here, under the directory lock: nobody else can be starting this room's loop.
            if (room.Loop.Start()) log.Line($"room {name}: loop started, {Options.TickRate:0.##} ticks/s");
            return room;
        }
    }

    /// <summary>Removes the player; the last one out stops the loop and the room is forgotten.</summary>
    public async Task LeaveAsync(Room room, Player player)
    {
        Task stopped;
        lock (_gate)
        {
            int count = room.Remove(player);
            log.Line($"{player.Name} leaves room {room.Name} ({Players(count)})");
            if (count > 0) return;
            if (_rooms.TryGetValue(room.Name, out Room? current) && current == room) _rooms.Remove(room.Name);
            stopped = room.Loop.StopAsync();
        }
        // Awaited outside the lock: the last tick may still be running, and joins elsewhere must not wait.
        await stopped.ConfigureAwait(false);
        room.Hook?.Dispose();
        log.Line($"room {room.Name}: loop stopped, room closed");
    }

    /// <summary>Queues a message for every player of every room (the chat line is the server's, not a room's).</summary>
    public void Announce(byte[] message)
    {
        foreach (Room room in Rooms) room.Announce(message);
    }

    /// <summary>The best <paramref name="count"/> scores across all rooms, best first.</summary>
    public IReadOnlyList<Score> Scores(int count) =>
        [.. Rooms.SelectMany(r => r.Scores()).OrderByDescending(s => s.Points).ThenBy(s => s.Name, StringComparer.Ordinal).Take(count)];

    private static string Players(int count) => count == 1 ? "1 player" : $"{count} players";
}
