using Course.Bench;

namespace GameLoop;

/// <summary>
/// Connections that note when each state arrives: the server's bots (<see cref="Players"/>) or the floor's
/// plain readers (<see cref="FloorPlayers"/>). The bench warms up and measures both the same way.
/// </summary>
internal interface IArrivals
{
    /// <summary>Starts noting lateness into <paramref name="into"/>; rooms are streams <paramref name="streamBase"/> + room.</summary>
    void Record(ScheduleLateness into, int streamBase);

    void StopRecording();
}

/// <summary>Several crowds measured as one (the floor's rooms, a floor each): crowd i's rooms are streams from base + i.</summary>
internal sealed class Crowds(IReadOnlyList<IArrivals> crowds) : IArrivals
{
    public void Record(ScheduleLateness into, int streamBase)
    {
        for (int i = 0; i < crowds.Count; i++) crowds[i].Record(into, streamBase + i);
    }

    public void StopRecording()
    {
        foreach (IArrivals crowd in crowds) crowd.StopRecording();
    }
}
