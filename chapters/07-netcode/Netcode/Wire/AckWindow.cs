namespace Netcode.Wire;

/// <summary>What became of one incoming sequence number.</summary>
public enum Arrival
{
    /// <summary>Newer than anything so far, or a late one we had not seen: process it.</summary>
    Fresh,
    /// <summary>Seen before (the network duplicated it, or a peer replayed it): drop it.</summary>
    Duplicate,
    /// <summary>More than 32 behind the newest: outside the window, so we cannot tell; drop it.</summary>
    TooOld,
}

/// <summary>
/// The receiving side of acknowledgement: the newest sequence seen (sent back as "ack") and which of the
/// 32 before it arrived (sent back as the bitfield).
/// </summary>
/// <remarks>
/// 1. A newer sequence d steps ahead shifts the bitfield right by d and sets the bit of the previous
///    newest (offset d), which PyGaSe forgets to do.
/// 2. An older one inside the window sets its own bit, unless it is already set: then it is a duplicate.
/// 3. Duplicates and anything older than the window are answered with a verdict, never an exception:
///    in PyGaSe those two cases raise and one stray datagram ends the server.
/// </remarks>
public sealed class AckWindow
{
    public Sqn Newest { get; private set; }
    public uint Bits { get; private set; }

    public Arrival Record(Sqn sequence)
    {
        if (sequence.IsNone) return Arrival.TooOld;
        if (Newest.IsNone)
        {
            Newest = sequence;
            return Arrival.Fresh;
        }
        int d = sequence.DistanceFrom(Newest);
        if (d == 0) return Arrival.Duplicate;
        if (d > 0)
        {
            uint shifted = d >= 32 ? 0 : Bits >> d;
            if (d <= 32) shifted |= 1u << (32 - d); // the previous newest arrived, of course
            Bits = shifted;
            Newest = sequence;
            return Arrival.Fresh;
        }
        int offset = -d;
        if (offset > 32) return Arrival.TooOld;
        uint bit = 1u << (32 - offset);
        if ((Bits & bit) != 0) return Arrival.Duplicate;
        Bits |= bit;
        return Arrival.Fresh;
    }
}
