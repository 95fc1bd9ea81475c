using Course.Cli;
using Snake.Rooms;

namespace Snake.Variants;

/// <summary>
/// Variant 3 of 3: one on-demand loop per room, and a room exists only while it has players. The hub
/// adds just one thing to OnDemandHub.cs: a dictionary of them, created on the first join and removed
/// on the last leave, under one lock. The real server (RoomDirectory) is this, with a game in each room.
/// </summary>
public sealed class PerRoomHub(TimeSpan period, TimeProvider time, Log log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (OnDemandHub Hub, int Players)> _rooms = [];

    public int RoomCount
    {
        get { lock (_gate) return _rooms.Count; }
    }

    public OnDemandHub Join(string room, Outbox player)
    {
        lock (_gate)
        {
            var (hub, players) = _rooms.TryGetValue(room, out var found) ? found : (new OnDemandHub(period, time, log), 0);
            _rooms[room] = (hub, players + 1);
            hub.Join(player);
            return hub;
        }
    }

    public Task LeaveAsync(string room, Outbox player)
    {
        lock (_gate)
        {
            var (hub, players) = _rooms[room];
            if (players == 1) _rooms.Remove(room); // empty rooms are thrown away
            else _rooms[room] = (hub, players - 1);
            return hub.LeaveAsync(player);
        }
    }
}
